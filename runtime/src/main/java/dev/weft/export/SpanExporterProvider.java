package dev.weft.export;

import dev.weft.config.WeftConfig;
import dev.weft.processor.SpanExporter;

/**
 * Makes one named exporter (the name used in {@code weft.exporters}). Providers are found through
 * {@link java.util.ServiceLoader}, on the class path and in the jars of {@code weft.extensions}, so
 * exporters with dependencies of their own live in modules of their own, and third parties can add
 * theirs. The runtime puts each exporter behind a batch processor configured from {@code
 * weft.batch.*}; the exporter itself is called on the batch processor's thread only.
 */
public interface SpanExporterProvider {

  /**
   * Returns the exporter's name in {@code weft.exporters}, lower-case, for example {@code otlp}.
   */
  String name();

  /**
   * Returns the exporter, configured from {@code config}: each exporter reads its own keys there,
   * with its defaults kept in one place in its own module. May throw when the exporter cannot
   * start; the failure is logged once and tracing goes on with the other exporters. Returns null
   * when the exporter cannot start and has said why itself, in words more precise than an exception
   * can carry into Weft's log.
   */
  SpanExporter create(WeftConfig config) throws Exception;

  /**
   * Returns the configuration keys the exporter reads ({@code weft.json.dir}), so that a key no
   * part of Weft reads can be reported as a likely typo.
   */
  default java.util.Set<String> keys() {
    return java.util.Set.of();
  }
}
