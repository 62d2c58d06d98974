package dev.weft.export.files;

import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.processor.SpanExporter;
import java.io.IOException;
import java.nio.file.Path;

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

  /**
   * Returns the exporter, or null when its file cannot be made or opened, which is said in one line
   * naming the file and the reason.
   */
  @Override
  public SpanExporter create(WeftConfig config) {
    Path file = FileExporterSettings.jsonlFile(config);
    try {
      return JsonlExporter.create(file);
    } catch (IOException e) {
      WriteFailures.cannotStart(name(), file, e);
      return null;
    }
  }
}
