package dev.weft.internal;

import dev.weft.Scope;

/**
 * The trace context of another tracing system in the same JVM (OpenTelemetry), as Weft's runtime
 * sees it: the span current there when a Weft trace starts, which the trace joins, and a way to
 * make a Weft span current there, so the other system's spans nest under it.
 *
 * <p>Public only so that a bridge in another class loader (the one that sees the other system's
 * API) can implement it; it names no type of that system. Ids are exchanged in the W3C forms: a
 * trace id of 32 lowercase hex, a span id of 16.
 */
public interface ExternalContext {

  /**
   * Returns the W3C {@code traceparent} of the span current in the other system on this thread, or
   * null when none is.
   */
  String currentTraceparent();

  /**
   * Makes the span with these ids current in the other system on this thread until the returned
   * scope is closed, which restores what was current there before. Scopes are closed in the reverse
   * order of their opening.
   *
   * @param traceHex the 32 hex of the trace id
   * @param spanHex the 16 hex of the span id
   * @param sampled whether the trace is recorded, which the other system's children follow
   */
  Scope attach(String traceHex, String spanHex, boolean sampled);
}
