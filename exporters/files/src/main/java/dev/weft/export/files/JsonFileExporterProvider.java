package dev.weft.export.files;

import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.processor.SpanExporter;
import java.io.IOException;
import java.nio.file.Path;

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

  /**
   * Returns the exporter, or null when its folder cannot be made or read, which is said in one line
   * naming the folder and the reason.
   */
  @Override
  public SpanExporter create(WeftConfig config) {
    Path dir = FileExporterSettings.jsonDir(config);
    Retention retention = FileExporterSettings.retention(config);
    try {
      return JsonFileExporter.create(dir, retention)
          .withPrices(FileExporterSettings.prices(config));
    } catch (IOException e) {
      WriteFailures.cannotStart(name(), dir, e);
      return null;
    }
  }
}
