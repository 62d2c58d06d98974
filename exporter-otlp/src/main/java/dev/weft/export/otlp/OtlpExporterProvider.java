package dev.weft.export.otlp;

import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.export.Exporters;
import dev.weft.export.SpanExporterProvider;

/** Provides the {@code otlp} exporter of {@code weft.exporters}, behind a batch processor. */
public final class OtlpExporterProvider implements SpanExporterProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public OtlpExporterProvider() {}

  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public TracingProcessor create(WeftConfig config) {
    return Exporters.batch(OtlpExporter.create(config, System.getenv()), config);
  }
}
