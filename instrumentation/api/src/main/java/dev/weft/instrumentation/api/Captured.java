package dev.weft.instrumentation.api;

import dev.weft.Tracer;
import dev.weft.Tracing;

/**
 * Text a library instrumentation captures (messages, tool arguments and results), kept as every
 * captured value is: redacted and cut at {@code weft.capture.max-chars} by the tracer's value
 * renderer, and recorded only while sensitive data is included.
 */
public final class Captured {
  private Captured() {}

  /** Returns {@code value} redacted and cut; null when it is null or sensitive data is excluded. */
  public static String text(String value) {
    Tracer tracer = Tracing.tracer();
    if (value == null || !tracer.includeSensitiveData()) {
      return null;
    }
    return bounded(tracer, value);
  }

  /** Returns {@code value} redacted and cut, whether or not sensitive data is included. */
  public static String bounded(String value) {
    return value == null ? null : bounded(Tracing.tracer(), value);
  }

  private static String bounded(Tracer tracer, String value) {
    return (String) tracer.valueRenderer().render(value);
  }
}
