package dev.weft;

import dev.weft.internal.Ids;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of a trace, as processors and exporters receive it: once when the trace
 * starts ({@link #isEnded()} false) and once when it ends.
 *
 * <p>Two snapshots are equal when all their values are. A trace id made by the tracer is kept as
 * two numbers and formatted only when first asked for, which is usually on an exporter's thread.
 */
public final class TraceRecord {
  private final long idHigh;
  private final long idLow;
  private final String workflowName;
  private final String groupId;
  private final Map<String, Object> metadata;
  private final long startedAtMicros;
  private final long endedAtMicros;
  private final Map<String, String> exportSettings;
  private final String remoteParentId;
  // The snapshot this one was copied from, whose id text it shares; null for a first snapshot.
  private final TraceRecord source;
  // Formatted on first use; a race formats the same text twice, which is harmless.
  private String traceId;

  /**
   * Creates a snapshot, copying the metadata.
   *
   * @param traceId {@code trace_} + 32 lowercase hex
   * @param workflowName the workflow name
   * @param groupId the group id linking traces of one conversation, or null
   * @param metadata facts about the trace, or null for none
   * @param startedAtMicros start, in microseconds since the epoch
   * @param endedAtMicros end, in microseconds since the epoch; 0 while the trace is open
   * @param exportSettings settings of the trace's own for exporters (see {@link
   *     #exportSettings()}), or null for none
   */
  public TraceRecord(
      String traceId,
      String workflowName,
      String groupId,
      Map<String, Object> metadata,
      long startedAtMicros,
      long endedAtMicros,
      Map<String, String> exportSettings) {
    this(
        0,
        0,
        workflowName,
        groupId,
        copy(metadata),
        startedAtMicros,
        endedAtMicros,
        copySettings(exportSettings),
        null,
        null);
    this.traceId = traceId;
  }

  /** Creates a snapshot with no export settings; see the full constructor. */
  public TraceRecord(
      String traceId,
      String workflowName,
      String groupId,
      Map<String, Object> metadata,
      long startedAtMicros,
      long endedAtMicros) {
    this(traceId, workflowName, groupId, metadata, startedAtMicros, endedAtMicros, null);
  }

  private TraceRecord(
      long idHigh,
      long idLow,
      String workflowName,
      String groupId,
      Map<String, Object> metadata,
      long startedAtMicros,
      long endedAtMicros,
      Map<String, String> exportSettings,
      String remoteParentId,
      TraceRecord source) {
    this.idHigh = idHigh;
    this.idLow = idLow;
    this.workflowName = workflowName;
    this.groupId = groupId;
    this.metadata = metadata;
    this.startedAtMicros = startedAtMicros;
    this.endedAtMicros = endedAtMicros;
    this.exportSettings = exportSettings;
    this.remoteParentId = remoteParentId;
    this.source = source;
  }

  /** Returns the snapshot of a new trace whose id is given by its two halves, copying metadata. */
  static TraceRecord started(
      long idHigh,
      long idLow,
      String workflowName,
      String groupId,
      Map<String, Object> metadata,
      long startedAtMicros,
      Map<String, String> exportSettings) {
    return new TraceRecord(
        idHigh,
        idLow,
        workflowName,
        groupId,
        copy(metadata),
        startedAtMicros,
        0,
        copySettings(exportSettings),
        null,
        null);
  }

  /**
   * Returns the snapshot of a new trace whose id was given ({@code trace_} + 32 lowercase hex, as
   * checked by the caller), kept as its two halves like an id the tracer makes; an id of all zeros
   * is kept as text.
   */
  static TraceRecord started(
      String traceId,
      String workflowName,
      String groupId,
      Map<String, Object> metadata,
      long startedAtMicros,
      Map<String, String> exportSettings) {
    int hex = traceId.length() - 32;
    long high = Long.parseUnsignedLong(traceId, hex, hex + 16, 16);
    long low = Long.parseUnsignedLong(traceId, hex + 16, hex + 32, 16);
    return (high | low) != 0
        ? started(high, low, workflowName, groupId, metadata, startedAtMicros, exportSettings)
        : new TraceRecord(
            traceId, workflowName, groupId, metadata, startedAtMicros, 0, exportSettings);
  }

  /** Returns a copy of this snapshot ended at {@code endedAtMicros}, sharing its id. */
  TraceRecord endedAt(long endedAtMicros) {
    return new TraceRecord(
        idHigh,
        idLow,
        workflowName,
        groupId,
        metadata,
        startedAtMicros,
        endedAtMicros,
        exportSettings,
        remoteParentId,
        source != null ? source : this);
  }

  /**
   * Returns a copy of this snapshot continuing the caller's span {@code spanId} of another process
   * or tracer, sharing its id.
   */
  TraceRecord continuing(String spanId) {
    return new TraceRecord(
        idHigh,
        idLow,
        workflowName,
        groupId,
        metadata,
        startedAtMicros,
        endedAtMicros,
        exportSettings,
        spanId,
        source != null ? source : this);
  }

  /** Returns the trace id, {@code trace_} + 32 lowercase hex. */
  public String traceId() {
    String value = traceId;
    if (value == null) {
      if (source != null) {
        value = source.traceId();
      } else if ((idHigh | idLow) != 0) {
        value = Ids.traceId(idHigh, idLow);
      } else {
        return null; // given as null to the public constructor
      }
      traceId = value;
    }
    return value;
  }

  /**
   * Writes the trace id's text as ASCII bytes into {@code into} from index 0, without making a
   * String, when the tracer made the id; returns its length, or -1 when the id was given as text,
   * which {@link #traceId()} returns. For writers of many spans; {@code into} holds at least 38
   * bytes.
   */
  public int traceIdBytes(byte[] into) {
    return (idHigh | idLow) != 0 ? Ids.traceIdBytes(idHigh, idLow, into) : -1;
  }

  /** Returns the first 64 bits of the trace id; 0 for an id given as text. */
  long idHigh() {
    return idHigh;
  }

  /** Returns the last 64 bits of the trace id; 0 for an id given as text. */
  long idLow() {
    return idLow;
  }

  /** Returns the workflow name. */
  public String workflowName() {
    return workflowName;
  }

  /** Returns the group id linking traces of one conversation, or null. */
  public String groupId() {
    return groupId;
  }

  /** Returns facts about the trace; never null. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** Returns the start, in microseconds since the epoch. */
  public long startedAtMicros() {
    return startedAtMicros;
  }

  /** Returns the end, in microseconds since the epoch; 0 while the trace is open. */
  public long endedAtMicros() {
    return endedAtMicros;
  }

  /**
   * Returns settings of this trace's own for exporters, keyed as the exporter's configuration keys
   * without the {@code weft.} prefix (for example {@code openai.api-key}), overriding the
   * configured value for this trace only; never null.
   */
  public Map<String, String> exportSettings() {
    return exportSettings;
  }

  /** Returns one export setting of this trace's own, or null. */
  public String exportSetting(String key) {
    return exportSettings.get(key);
  }

  /**
   * Returns the span this trace continues, in another process (a {@code traceparent} header) or in
   * another tracer in this one (OpenTelemetry), as a Weft span id: {@code span_00000000} + its 16
   * hex; null for a trace that started on its own. Trace files do not keep it.
   */
  public String remoteParentId() {
    return remoteParentId;
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
  public boolean equals(Object other) {
    return other instanceof TraceRecord that
        && startedAtMicros == that.startedAtMicros
        && endedAtMicros == that.endedAtMicros
        && Objects.equals(traceId(), that.traceId())
        && Objects.equals(workflowName, that.workflowName)
        && Objects.equals(groupId, that.groupId)
        && metadata.equals(that.metadata)
        && exportSettings.equals(that.exportSettings)
        && Objects.equals(remoteParentId, that.remoteParentId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId(), workflowName, groupId, metadata, startedAtMicros, endedAtMicros);
  }

  @Override
  public String toString() {
    return "TraceRecord[" + traceId() + " " + workflowName + (isEnded() ? " ended]" : " open]");
  }

  private static Map<String, String> copySettings(Map<String, String> settings) {
    return settings == null || settings.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  private static Map<String, Object> copy(Map<String, Object> metadata) {
    return metadata == null || metadata.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
