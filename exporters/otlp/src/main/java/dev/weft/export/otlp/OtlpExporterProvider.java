package dev.weft.export.otlp;

import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.processor.SpanExporter;
import java.util.Set;

/** Provides the {@code otlp} exporter of {@code weft.exporters}. */
public final class OtlpExporterProvider implements SpanExporterProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public OtlpExporterProvider() {}

  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public SpanExporter create(WeftConfig config) {
    return OtlpExporter.create(config);
  }

  @Override
  public Set<String> keys() {
    return Set.of("weft.otlp.protocol", "weft.otlp.endpoint");
  }
}
