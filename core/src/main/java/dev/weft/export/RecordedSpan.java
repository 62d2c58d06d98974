package dev.weft.export;

import dev.weft.Span;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.Usage;
import java.util.Map;

/**
 * A span read back from a trace file: it has ended, so it never changes and its setters do nothing.
 */
final class RecordedSpan implements Span {
  private final String spanId;
  private final String traceId;
  private final String parentId;
  private final long startedAtMicros;
  private final long endedAtMicros;
  private final SpanData data;
  private final SpanError error;
  private final Map<String, Object> metadata;
  // Linked once by the reader, before the span is handed out.
  private Span parent;

  RecordedSpan(
      String spanId,
      String traceId,
      String parentId,
      long startedAtMicros,
      long endedAtMicros,
      SpanData data,
      SpanError error,
      Map<String, Object> metadata) {
    this.spanId = spanId;
    this.traceId = traceId;
    this.parentId = parentId;
    this.startedAtMicros = startedAtMicros;
    this.endedAtMicros = endedAtMicros;
    this.data = data;
    this.error = error;
    this.metadata = metadata;
  }

  void linkParent(Span value) {
    this.parent = value;
  }

  @Override
  public String spanId() {
    return spanId;
  }

  @Override
  public String traceId() {
    return traceId;
  }

  @Override
  public String parentId() {
    return parentId;
  }

  @Override
  public Span parent() {
    return parent;
  }

  @Override
  public long startedAtMicros() {
    return startedAtMicros;
  }

  @Override
  public long endedAtMicros() {
    return endedAtMicros;
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

  /** Returns false: a span read from a file records nothing further. */
  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public boolean isEnded() {
    return endedAtMicros != 0;
  }

  @Override
  public Span setData(SpanData newData) {
    return this;
  }

  @Override
  public Span setError(SpanError newError) {
    return this;
  }

  @Override
  public Span recordException(Throwable exception) {
    return this;
  }

  @Override
  public Span setUsage(Usage usage) {
    return this;
  }

  @Override
  public Span setMetadata(String key, Object value) {
    return this;
  }

  @Override
  public int nextTurnNumber() {
    return 1;
  }

  @Override
  public void end() {}

  @Override
  public void releaseScope() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Span[" + data.type() + " " + data.displayName() + " " + spanId + "]";
  }
}
