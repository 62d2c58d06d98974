package dev.weft.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * The benchmarked methods traced by the OpenTelemetry Java agent's {@code @WithSpan}, with the same
 * names and bodies as {@link PlainTargets} and {@link WeftTargets}.
 */
public class OtelTargets {
  /** A method with one argument and a result, traced without attributes. */
  @WithSpan
  public long span(long x) {
    return x * 31 + 7;
  }

  /** A method whose two String arguments become span attributes. */
  @WithSpan
  public int twoStrings(@SpanAttribute("user") String user, @SpanAttribute("query") String query) {
    return user.length() + query.length();
  }

  /** A method that always throws; the span records the exception. */
  @WithSpan
  public long throwing(long x) {
    throw new IllegalStateException("tool failed");
  }

  /** Returns whether a valid OpenTelemetry span is current inside a traced method. */
  @WithSpan
  public boolean insideSpan() {
    return Span.current().getSpanContext().isValid();
  }
}
