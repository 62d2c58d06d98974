package dev.weft;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of a trace, as processors and exporters receive it: once when the trace
 * starts ({@link #isEnded()} false) and once when it ends.
 *
 * @param traceId {@code trace_} + 32 lowercase hex
 * @param workflowName the workflow name
 * @param groupId the group id linking traces of one conversation, or null
 * @param metadata facts about the trace; never null
 * @param startedAtMicros start, in microseconds since the epoch
 * @param endedAtMicros end, in microseconds since the epoch; 0 while the trace is open
 * @param apiKey an API key of the trace's own for exporters that send to a service, or null
 */
public record TraceRecord(
    String traceId,
    String workflowName,
    String groupId,
    Map<String, Object> metadata,
    long startedAtMicros,
    long endedAtMicros,
    String apiKey) {

  /** Creates a snapshot, copying the metadata. */
  public TraceRecord {
    metadata =
        metadata == null || metadata.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Returns whether the trace had ended when this snapshot was taken. */
  public boolean isEnded() {
    return endedAtMicros != 0;
  }

  /** Returns the duration in microseconds, or 0 while open. */
  public long durationMicros() {
    return isEnded() ? endedAtMicros - startedAtMicros : 0;
  }

  @Override
  public String toString() {
    return "TraceRecord[" + traceId + " " + workflowName + (isEnded() ? " ended]" : " open]");
  }
}
