package dev.weft.export.openai;

import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.processor.SpanExporter;

/** Provides the {@code openai} exporter of {@code weft.exporters}. */
public final class OpenAiExporterProvider implements SpanExporterProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public OpenAiExporterProvider() {}

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public SpanExporter create(WeftConfig config) {
    return OpenAiExporter.create(config);
  }
}
