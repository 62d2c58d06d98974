package dev.weft.export.files;

import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.processor.SpanExporter;

/**
 * Provides the {@code json} exporter of {@code weft.exporters}: one file per finished trace in
 * {@code weft.json.dir}, with the viewer.
 */
public final class JsonFileExporterProvider implements SpanExporterProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public JsonFileExporterProvider() {}

  @Override
  public String name() {
    return "json";
  }

  @Override
  public SpanExporter create(WeftConfig config) throws Exception {
    return JsonFileExporter.create(
        FileExporterSettings.jsonDir(config), FileExporterSettings.retention(config));
  }
}
