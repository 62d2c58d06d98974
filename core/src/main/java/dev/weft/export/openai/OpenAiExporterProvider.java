package dev.weft.export.openai;

import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.export.Exporters;
import dev.weft.export.SpanExporterProvider;

/** Provides the {@code openai} exporter of {@code weft.exporters}, behind a batch processor. */
public final class OpenAiExporterProvider implements SpanExporterProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public OpenAiExporterProvider() {}

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public TracingProcessor create(WeftConfig config) {
    return Exporters.batch(OpenAiExporter.create(config), config);
  }
}
