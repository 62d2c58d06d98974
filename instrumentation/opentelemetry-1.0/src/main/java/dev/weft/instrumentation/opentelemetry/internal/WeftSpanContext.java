package dev.weft.instrumentation.opentelemetry.internal;

import dev.weft.internal.Ids;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * A Weft span's ids as OpenTelemetry reads them. One is made for every Weft span that becomes
 * current, and read only when something starts an OpenTelemetry span or looks at the current one,
 * so the ids are kept as bits and formatted on first read. Its validity is known from how it was
 * made (the runtime passes no all-zero trace id) instead of checked hex by hex.
 */
final class WeftSpanContext implements SpanContext {
  private final long traceHigh;
  private final long traceLow;
  private final long spanBits;
  private final TraceFlags flags;
  private final TraceState state;
  // Formatted on first read, or handed on by the context of the same trace that was current when
  // this one was made; a race formats the same text twice, which is harmless.
  private String traceId;
  private String spanId;

  WeftSpanContext(
      long traceHigh,
      long traceLow,
      String traceId,
      long spanBits,
      TraceFlags flags,
      TraceState state) {
    this.traceHigh = traceHigh;
    this.traceLow = traceLow;
    this.traceId = traceId;
    this.spanBits = spanBits;
    this.flags = flags;
    this.state = state;
  }

  /** Returns whether this span belongs to the trace with these bits. */
  boolean inTrace(long high, long low) {
    return traceHigh == high && traceLow == low;
  }

  /** Returns the trace id's text if it was formatted already, else null. */
  String traceIdIfFormatted() {
    return traceId;
  }

  @Override
  public String getTraceId() {
    String value = traceId;
    if (value == null) {
      value = Ids.hex32(traceHigh, traceLow);
      traceId = value;
    }
    return value;
  }

  @Override
  public String getSpanId() {
    String value = spanId;
    if (value == null) {
      value = Ids.hex16(spanBits);
      spanId = value;
    }
    return value;
  }

  @Override
  public TraceFlags getTraceFlags() {
    return flags;
  }

  @Override
  public TraceState getTraceState() {
    return state;
  }

  @Override
  public boolean isValid() {
    return spanBits != 0;
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WeftSpanContext that
        && spanBits == that.spanBits
        && inTrace(that.traceHigh, that.traceLow)
        && flags.equals(that.flags)
        && state.equals(that.state);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(traceHigh ^ traceLow) * 31 + Long.hashCode(spanBits)) * 31
        + flags.hashCode();
  }

  @Override
  public String toString() {
    return "SpanContext{traceId="
        + getTraceId()
        + ", spanId="
        + getSpanId()
        + ", traceFlags="
        + flags
        + ", traceState="
        + state
        + ", remote=false, valid="
        + isValid()
        + "}";
  }
}
