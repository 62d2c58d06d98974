package dev.weft.benchmarks;

/**
 * The figures of one benchmark method under one configuration.
 *
 * @param setup the configuration's name
 * @param benchmark the benchmark method, for example {@code weftSpan}
 * @param nanos the median over measurement iterations of the average time per call
 * @param minNanos the fastest iteration
 * @param maxNanos the slowest iteration
 * @param allThreadsBytes the median over iterations of JMH's {@code gc.alloc.rate.norm}: bytes
 *     allocated per call by every thread of the fork, an exporter's worker included
 * @param bytes the median over iterations of the bytes allocated per call by the calling thread
 */
record Measurement(
    String setup,
    String benchmark,
    double nanos,
    double minNanos,
    double maxNanos,
    double allThreadsBytes,
    double bytes) {

  /** Returns the method this measured, without the plain/weft/otel prefix: span, twoStrings... */
  String method() {
    for (String prefix : new String[] {"plain", "weft", "otel"}) {
      if (benchmark.startsWith(prefix)) {
        String rest = benchmark.substring(prefix.length());
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
      }
    }
    return benchmark;
  }
}
