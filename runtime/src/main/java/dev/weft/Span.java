package dev.weft;

import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.Usage;

/**
 * One timed operation within a trace, typed by its {@link SpanData}: an agent run, a tool call, a
 * model call, a guardrail check, a handoff.
 *
 * <p>A span started through {@link Tracing} is current on the starting thread until {@link
 * #close()}, which ends it and restores what was current before. While it is open its data, error
 * and metadata may change; once ended it never changes again and setters do nothing. Spans never
 * throw into the caller. This is the write API of the engine and the manual API; processors and
 * exporters read spans as {@link ReadableSpan} and {@link SpanRecord}.
 */
public interface Span extends ReadableSpan, AutoCloseable {

  /** Returns the enclosing span, or null. */
  Span parent();

  /** Returns whether the span is recorded (false when tracing is disabled or not sampled). */
  boolean isRecording();

  /** Replaces the span's data while it is open. */
  Span setData(SpanData data);

  /** Sets the span's error while it is open. */
  Span setError(SpanError error);

  /** Records an exception as the span's error, honouring the sensitive-data setting. */
  Span recordException(Throwable exception);

  /** Sets token usage on a generation, response, task or turn span; other span types ignore it. */
  Span setUsage(Usage usage);

  /** Adds one metadata entry while the span is open. */
  Span setMetadata(String key, Object value);

  /** Returns the next turn number under this span, from 1; used for turn spans of an agent. */
  int nextTurnNumber();

  /** Ends the span, once; later calls do nothing. Does not change what is current. */
  void end();

  /**
   * Restores, on the thread that started the span, what was current before it, without ending it:
   * for work that ends later on another thread.
   */
  void releaseScope();

  /** Restores what was current before the span started and ends it. Never throws. */
  @Override
  void close();
}
