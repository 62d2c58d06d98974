package dev.weft.internal;

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
   * Makes the span with these ids current in the other system on this thread until what this
   * returns is closed, which restores what was current there before. Those are closed in the
   * reverse order of their opening. Called for every Weft span that becomes current, so the ids
   * come as bits, to be formatted only if the other system reads them.
   *
   * @param traceHigh the first 64 bits of the trace id (its first 16 hex as W3C writes it)
   * @param traceLow the last 64 bits of the trace id; the two halves are never both zero
   * @param spanId the span id's 64 bits (its 16 hex as W3C writes it)
   * @param sampled whether the trace is recorded, which the other system's children follow
   */
  AutoCloseable attach(long traceHigh, long traceLow, long spanId, boolean sampled);
}
