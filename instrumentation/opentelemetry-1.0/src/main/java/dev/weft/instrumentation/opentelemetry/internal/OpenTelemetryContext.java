package dev.weft.instrumentation.opentelemetry.internal;

import dev.weft.internal.ExternalContext;
import dev.weft.internal.Ids;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

/**
 * OpenTelemetry's context as Weft's runtime follows it, through the public API the application
 * sees: {@code Span.current()} and {@code Context.makeCurrent()}. Under the OpenTelemetry java
 * agent these calls reach the agent's own context, which the agent bridges to that API, so the same
 * code serves the agent and an SDK the application configured itself.
 *
 * <p>A Weft span made current here is a non-recording {@code Span.wrap} of its ids (a {@link
 * WeftSpanContext}): OpenTelemetry spans started under it take it as their parent, and the span
 * itself is exported by Weft.
 */
public final class OpenTelemetryContext implements ExternalContext {

  /** Creates the bridge; called by reflection from the class loader that sees the API. */
  public OpenTelemetryContext() {}

  @Override
  public String currentTraceparent() {
    SpanContext context = Span.current().getSpanContext();
    if (!context.isValid()) {
      return null;
    }
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + (context.isSampled() ? "-01" : "-00");
  }

  @Override
  public AutoCloseable attach(long traceHigh, long traceLow, long spanId, boolean sampled) {
    Context current = Context.current();
    SpanContext around = Span.fromContext(current).getSpanContext();
    // Vendor entries of the trace's tracestate travel on with its spans, as they would from an
    // OpenTelemetry parent; within a Weft trace they come from the enclosing Weft span, compared
    // by bits, without formatting either id.
    TraceState state = TraceState.getDefault();
    String traceId = null;
    if (around instanceof WeftSpanContext weft) {
      if (weft.inTrace(traceHigh, traceLow)) {
        state = weft.getTraceState();
        traceId = weft.traceIdIfFormatted();
      }
    } else if (around.isValid()) {
      String hex = Ids.hex32(traceHigh, traceLow);
      if (around.getTraceId().equals(hex)) {
        state = around.getTraceState();
        traceId = hex;
      }
    }
    SpanContext weftSpan =
        new WeftSpanContext(
            traceHigh,
            traceLow,
            traceId,
            spanId,
            sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
            state);
    return current.with(Span.wrap(weftSpan)).makeCurrent();
  }
}
