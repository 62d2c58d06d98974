package dev.weft.export;

import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;

/**
 * Makes a processor that is installed whenever tracing starts, after the exporters' processors.
 * Found through {@link java.util.ServiceLoader} on the class path and in the jars of {@code
 * weft.extensions}: the way to add a processor to an application that cannot call {@link
 * dev.weft.Tracing#addProcessor} itself, for example one traced only through the java agent.
 */
public interface TracingProcessorProvider {

  /** Returns the processor, configured from {@code config}; null installs nothing. */
  TracingProcessor create(WeftConfig config) throws Exception;

  /** Returns the configuration keys the processor reads. */
  default java.util.Set<String> keys() {
    return java.util.Set.of();
  }
}
