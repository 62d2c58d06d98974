package dev.weft;

import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.internal.Ids;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of an ended span, as processors and exporters receive it: its ids, its
 * trace, its times, data, error and metadata. Reading a trace file back yields the same type.
 *
 * <p>A snapshot made by the tracer keeps its ids as numbers and formats them only when first asked
 * for, which is usually on an exporter's thread. Two snapshots are equal when all their values are.
 */
public final class SpanRecord implements ReadableSpan {
  private final TraceRecord trace;
  private final long idHigh;
  private final long idLow;
  private final long parentHigh;
  private final long parentLow;
  private final long startedAtMicros;
  private final long endedAtMicros;
  private final SpanData data;
  private final SpanError error;
  private final Map<String, Object> metadata;
  // Formatted on first use; a race formats the same text twice, which is harmless.
  private String spanId;
  private String parentId;

  private SpanRecord(
      TraceRecord trace,
      long idHigh,
      long idLow,
      String spanId,
      long parentHigh,
      long parentLow,
      String parentId,
      long startedAtMicros,
      long endedAtMicros,
      SpanData data,
      SpanError error,
      Map<String, Object> metadata) {
    this.trace = Objects.requireNonNull(trace, "trace");
    this.idHigh = idHigh;
    this.idLow = idLow;
    this.spanId = spanId;
    this.parentHigh = parentHigh;
    this.parentLow = parentLow;
    this.parentId = parentId;
    this.startedAtMicros = startedAtMicros;
    this.endedAtMicros = endedAtMicros;
    this.data = Objects.requireNonNull(data, "data");
    this.error = error;
    this.metadata = metadata;
  }

  /**
   * Returns a snapshot of a span read from elsewhere (a trace file, a test), copying the metadata.
   *
   * @param trace the trace the span belongs to, as it started
   * @param spanId {@code span_} + 24 lowercase hex
   * @param parentId the enclosing span's id, or null at the root of the trace
   * @param startedAtMicros start, in microseconds since the epoch
   * @param endedAtMicros end, in microseconds since the epoch; 0 for a span still open when read
   * @param data what the span records
   * @param error the error, or null
   * @param metadata facts about the span, or null for none
   */
  public static SpanRecord of(
      TraceRecord trace,
      String spanId,
      String parentId,
      long startedAtMicros,
      long endedAtMicros,
      SpanData data,
      SpanError error,
      Map<String, Object> metadata) {
    return new SpanRecord(
        trace,
        0,
        0,
        spanId,
        0,
        0,
        parentId,
        startedAtMicros,
        endedAtMicros,
        data,
        error,
        copy(metadata));
  }

  /** Returns the snapshot of a span made by the tracer, whose ids are given as numbers. */
  static SpanRecord ofTracer(
      TraceRecord trace,
      long idHigh,
      long idLow,
      long parentHigh,
      long parentLow,
      String remoteParentId,
      long startedAtMicros,
      long endedAtMicros,
      SpanData data,
      SpanError error,
      Map<String, Object> metadata) {
    return new SpanRecord(
        trace,
        idHigh,
        idLow,
        null,
        parentHigh,
        parentLow,
        remoteParentId,
        startedAtMicros,
        endedAtMicros,
        data,
        error,
        metadata == null || metadata.isEmpty() ? Map.of() : metadata);
  }

  /** Returns the trace the span belongs to, as the trace started. */
  public TraceRecord trace() {
    return trace;
  }

  @Override
  public String spanId() {
    String value = spanId;
    if (value == null) {
      value = Ids.spanId(idHigh, idLow);
      spanId = value;
    }
    return value;
  }

  @Override
  public String traceId() {
    return trace.traceId();
  }

  @Override
  public String parentId() {
    String value = parentId;
    if (value == null && (parentHigh | parentLow) != 0) {
      value = Ids.spanId(parentHigh, parentLow);
      parentId = value;
    }
    return value;
  }

  /**
   * Writes the span id's text as ASCII bytes into {@code into} from index 0, without making a
   * String, when the tracer made the id; returns its length, or -1 when the id was given as text
   * (read back from a file), which {@link #spanId()} returns. For writers of many spans; {@code
   * into} holds at least 29 bytes.
   */
  public int spanIdBytes(byte[] into) {
    return spanId != null && idHigh == 0 && idLow == 0 ? -1 : Ids.spanIdBytes(idHigh, idLow, into);
  }

  /**
   * Writes the parent's span id as {@link #spanIdBytes} does; returns -1 when the parent id was
   * given as text, or when there is none, for {@link #parentId()} to tell which.
   */
  public int parentIdBytes(byte[] into) {
    return (parentHigh | parentLow) == 0 ? -1 : Ids.spanIdBytes(parentHigh, parentLow, into);
  }

  /**
   * Returns whether no span of this process encloses this one: it is a top span of its trace, or
   * its parent is the caller's span in another process (a continued trace). A span read back from a
   * file is a root when it has no parent id.
   */
  public boolean isLocalRoot() {
    return spanId != null && idHigh == 0 && idLow == 0
        ? parentId == null
        : (parentHigh | parentLow) == 0;
  }

  @Override
  public long startedAtMicros() {
    return startedAtMicros;
  }

  @Override
  public long endedAtMicros() {
    return endedAtMicros;
  }

  /** Returns the duration in microseconds, or 0 when the span had not ended. */
  public long durationMicros() {
    return endedAtMicros == 0 ? 0 : endedAtMicros - startedAtMicros;
  }

  @Override
  public SpanData data() {
    return data;
  }

  @Override
  public SpanError error() {
    return error;
  }

  @Override
  public Map<String, Object> metadata() {
    return metadata;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SpanRecord that
        && startedAtMicros == that.startedAtMicros
        && endedAtMicros == that.endedAtMicros
        && spanId().equals(that.spanId())
        && Objects.equals(traceId(), that.traceId())
        && Objects.equals(parentId(), that.parentId())
        && data.equals(that.data)
        && Objects.equals(error, that.error)
        && metadata.equals(that.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spanId(), traceId(), startedAtMicros, endedAtMicros, data);
  }

  @Override
  public String toString() {
    return "SpanRecord[" + data.type() + " " + data.displayName() + " " + spanId() + "]";
  }

  private static Map<String, Object> copy(Map<String, Object> metadata) {
    return metadata == null || metadata.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
