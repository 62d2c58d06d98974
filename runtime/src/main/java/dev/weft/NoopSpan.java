package dev.weft;

import dev.weft.data.CustomSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.Usage;
import java.util.Map;

/** The span returned while tracing is disabled: records nothing, allocates nothing. */
final class NoopSpan implements Span {
  static final NoopSpan INSTANCE = new NoopSpan();
  private static final SpanData DATA = CustomSpanData.named("noop");

  private NoopSpan() {}

  @Override
  public String spanId() {
    return "span_000000000000000000000000";
  }

  @Override
  public String traceId() {
    return "trace_00000000000000000000000000000000";
  }

  @Override
  public String parentId() {
    return null;
  }

  @Override
  public Span parent() {
    return null;
  }

  @Override
  public long startedAtMicros() {
    return 0;
  }

  @Override
  public long endedAtMicros() {
    return 0;
  }

  @Override
  public SpanData data() {
    return DATA;
  }

  @Override
  public SpanError error() {
    return null;
  }

  @Override
  public Map<String, Object> metadata() {
    return Map.of();
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public boolean isEnded() {
    return false;
  }

  @Override
  public Span setData(SpanData data) {
    return this;
  }

  @Override
  public Span setError(SpanError error) {
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
    return "Span[noop]";
  }
}
