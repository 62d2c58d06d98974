package dev.weft.export.files;

import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.processor.SpanExporter;

/**
 * Provides the {@code jsonl} exporter of {@code weft.exporters}: one line per trace start, span end
 * and trace end in one file.
 */
public final class JsonlExporterProvider implements SpanExporterProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public JsonlExporterProvider() {}

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public SpanExporter create(WeftConfig config) throws Exception {
    return JsonlExporter.create(FileExporterSettings.jsonlFile(config));
  }
}
