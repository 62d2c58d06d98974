package dev.weft;

import java.util.Map;

/** The trace returned while tracing is disabled: records nothing. */
final class NoopTrace implements Trace {
  static final NoopTrace INSTANCE = new NoopTrace();
  private static final TraceRecord RECORD =
      new TraceRecord("trace_00000000000000000000000000000000", "noop", null, null, 0, 0, null);

  private NoopTrace() {}

  @Override
  public String traceId() {
    return RECORD.traceId();
  }

  @Override
  public String workflowName() {
    return RECORD.workflowName();
  }

  @Override
  public String groupId() {
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
  public TraceRecord toRecord() {
    return RECORD;
  }

  @Override
  public void end() {}

  @Override
  public void close() {}
}
