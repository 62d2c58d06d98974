package dev.weft;

import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import java.util.Map;

/**
 * What can be read of a span: its ids, times, data, error and metadata. Processors see spans only
 * through this view: a live span as it starts, and an immutable {@link SpanRecord} once it ends.
 */
public interface ReadableSpan {

  /** Returns the id, {@code span_} + 24 lowercase hex. */
  String spanId();

  /** Returns the id of the trace the span belongs to. */
  String traceId();

  /** Returns the id of the enclosing span, or null for a span at the root of its trace. */
  String parentId();

  /** Returns the start time in microseconds since the epoch. */
  long startedAtMicros();

  /** Returns the end time in microseconds since the epoch, or 0 while the span is open. */
  long endedAtMicros();

  /** Returns what the span records. */
  SpanData data();

  /** Returns the error, or null. */
  SpanError error();

  /** Returns the span's metadata; empty when none was set. */
  Map<String, Object> metadata();

  /** Returns whether the span has ended. */
  default boolean isEnded() {
    return endedAtMicros() != 0;
  }
}
