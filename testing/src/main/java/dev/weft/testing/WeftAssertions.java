package dev.weft.testing;

import dev.weft.SpanRecord;

/** Entry point of the assertions on traces and spans, next to AssertJ's own. */
public final class WeftAssertions {
  private WeftAssertions() {}

  /** Returns assertions on a captured trace. */
  public static TraceAssert assertThat(CapturedTrace trace) {
    return new TraceAssert(trace);
  }

  /** Returns assertions on a span. */
  public static SpanAssert assertThat(SpanRecord span) {
    return new SpanAssert(span);
  }
}
