package dev.weft.export;

import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;

/**
 * Makes the processor of one named exporter (the name used in {@code weft.exporters}), found
 * through {@link java.util.ServiceLoader}, so exporters with dependencies of their own can live in
 * their own module.
 */
public interface SpanExporterProvider {

  /** Returns the exporter's name in {@code weft.exporters}, for example {@code otlp}. */
  String name();

  /** Returns the processor that feeds the exporter, configured from {@code config}. */
  TracingProcessor create(WeftConfig config) throws Exception;
}
