package dev.weft.export.files;

import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.processor.SpanExporter;

/**
 * Provides the {@code console} exporter of {@code weft.exporters}: an indented tree per finished
 * trace on standard output.
 */
public final class ConsoleExporterProvider implements SpanExporterProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public ConsoleExporterProvider() {}

  @Override
  public String name() {
    return "console";
  }

  @Override
  public SpanExporter create(WeftConfig config) throws Exception {
    return ConsoleExporter.create(System.out);
  }
}
