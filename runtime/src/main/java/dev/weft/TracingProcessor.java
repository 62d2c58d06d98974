package dev.weft;

/**
 * Receives every trace and span of the runtime as they start and end: the point where traces leave
 * the application for files, the console or a service.
 *
 * <p>Methods are called synchronously on the thread that starts or ends the trace or span, so they
 * must be quick and must not block; exporting belongs on a background thread (see the batch
 * processor). Each processor is isolated: one that throws is logged and the others still run. Span
 * and trace records never change, so a processor may keep them.
 */
public interface TracingProcessor {

  /** Called when a trace starts. */
  default void onTraceStart(TraceRecord trace) {}

  /** Called when a trace ends, with its final record. */
  default void onTraceEnd(TraceRecord trace) {}

  /**
   * Called when a span starts, with a read-only view of the live span: its data may still change
   * until it ends, so a processor that keeps something keeps the record {@link #onSpanEnd} gives.
   */
  default void onSpanStart(ReadableSpan span) {}

  /** Called when a span ends, with its immutable snapshot. */
  default void onSpanEnd(SpanRecord span) {}

  /** Exports everything received so far, waiting at most until a processor-defined deadline. */
  default void forceFlush() {}

  /** Flushes and releases resources; no calls follow. */
  default void shutdown() {}
}
