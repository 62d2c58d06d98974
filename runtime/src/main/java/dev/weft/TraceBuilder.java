package dev.weft;

import dev.weft.internal.WeftLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds and starts a trace: workflow name, group id, metadata, and optionally a trace id of the
 * caller's own (to continue a trace), a parent from another process, or export settings of its own.
 *
 * <pre>{@code
 * try (Trace trace = Tracing.trace("Podcast workflow").groupId(conversationId).start()) {
 *   orchestrator.run(topic);
 * }
 * }</pre>
 */
public final class TraceBuilder {
  private final String workflowName;
  private String groupId;
  private String traceId;
  private Map<String, String> exportSettings;
  private Traceparent parent;
  private final Map<String, Object> metadata = new LinkedHashMap<>();

  private final Tracer tracer;

  TraceBuilder(Tracer tracer, String workflowName) {
    this.tracer = tracer;
    this.workflowName = workflowName == null || workflowName.isBlank() ? "workflow" : workflowName;
  }

  /** Sets the group id linking traces of one conversation; null for none. */
  public TraceBuilder groupId(String value) {
    this.groupId = value;
    return this;
  }

  /** Adds one metadata entry. */
  public TraceBuilder metadata(String key, Object value) {
    if (key != null) {
      metadata.put(key, value);
    }
    return this;
  }

  /** Adds every entry of {@code entries} to the metadata. */
  public TraceBuilder metadata(Map<String, ?> entries) {
    if (entries != null) {
      entries.forEach(this::metadata);
    }
    return this;
  }

  /**
   * Sets the trace id, {@code trace_} + 32 lowercase hex; a malformed id is logged and a new one is
   * used instead.
   */
  public TraceBuilder traceId(String value) {
    this.traceId = value;
    return this;
  }

  /**
   * Sets an exporter setting for this trace only, keyed as the configuration key without the {@code
   * weft.} prefix: {@code exportSetting("openai.api-key", key)} sends this trace to the OpenAI
   * dashboard with a key of its own. A null value removes the setting.
   */
  public TraceBuilder exportSetting(String key, String value) {
    if (key == null) {
      return this;
    }
    if (exportSettings == null) {
      exportSettings = new LinkedHashMap<>();
    }
    if (value == null) {
      exportSettings.remove(key);
    } else {
      exportSettings.put(key.startsWith("weft.") ? key.substring(5) : key, value);
    }
    return this;
  }

  /**
   * Continues the trace of another process from its W3C {@code traceparent} header: this trace
   * takes the header's trace id (over {@link #traceId(String)}), its top spans take the caller's
   * span as parent, and the caller's sampling decision is followed. A null, malformed or
   * unsupported header is ignored, with one line at debug level, and a new trace starts.
   */
  public TraceBuilder parent(String traceparent) {
    this.parent = Traceparent.parse(traceparent);
    if (parent == null && traceparent != null && WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
      String shown = traceparent.length() > 80 ? traceparent.substring(0, 80) + "..." : traceparent;
      WeftLog.debug("ignoring malformed traceparent header '" + shown + "'; starting a new trace");
    }
    return this;
  }

  /**
   * Starts the trace and makes it current on this thread until it is closed. When tracing is
   * disabled the returned trace records nothing.
   */
  public Trace start() {
    return tracer.startTrace(workflowName, groupId, metadata, traceId, exportSettings, parent);
  }
}
