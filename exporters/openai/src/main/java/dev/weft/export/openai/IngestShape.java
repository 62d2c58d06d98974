package dev.weft.export.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.data.SpanType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys the OpenAI traces ingest endpoint accepts in one JSON object, and in the objects nested
 * under some of them: exactly the keys the OpenAI Agents SDK sends (the {@code export()} methods of
 * its Python tracing classes, cross-checked with its JavaScript span types). The endpoint answers
 * an unknown key with HTTP 400 and rejects the whole request, so everything else is dropped.
 *
 * <p>A key without a nested shape keeps its value as it is: the SDK sends such values (messages,
 * model settings, custom data) as the application gave them.
 */
final class IngestShape {
  /** The trace object. */
  static final IngestShape TRACE = keys("object", "id", "workflow_name", "group_id", "metadata");

  /** Counts the endpoint takes in a generation's {@code usage}; others go under {@code details}. */
  static final List<String> GENERATION_USAGE_COUNTS = List.of("input_tokens", "output_tokens");

  private static final List<String> TURN_USAGE =
      List.of("input_tokens", "output_tokens", "cached_input_tokens", "cache_write_input_tokens");

  private static final Map<SpanType, IngestShape> SPAN_DATA = new EnumMap<>(SpanType.class);

  static {
    SPAN_DATA.put(SpanType.AGENT, keys("type", "name", "handoffs", "tools", "output_type"));
    SPAN_DATA.put(SpanType.FUNCTION, keys("type", "name", "input", "output", "mcp_data"));
    SPAN_DATA.put(
        SpanType.GENERATION,
        keys("type", "input", "output", "model", "model_config")
            .with("usage", keys("input_tokens", "output_tokens", "details")));
    // The SDK's response span carries usage too, but its exporter removes it before sending.
    SPAN_DATA.put(SpanType.RESPONSE, keys("type", "response_id"));
    SPAN_DATA.put(SpanType.HANDOFF, keys("type", "from_agent", "to_agent"));
    SPAN_DATA.put(SpanType.CUSTOM, keys("type", "name", "data"));
    SPAN_DATA.put(SpanType.GUARDRAIL, keys("type", "name", "triggered"));
    SPAN_DATA.put(
        SpanType.TRANSCRIPTION,
        keys("type", "output", "model", "model_config").with("input", keys("data", "format")));
    SPAN_DATA.put(
        SpanType.SPEECH,
        keys("type", "input", "model", "model_config", "first_content_at")
            .with("output", keys("data", "format")));
    SPAN_DATA.put(SpanType.SPEECH_GROUP, keys("type", "input"));
    SPAN_DATA.put(SpanType.MCP_TOOLS, keys("type", "server", "result"));
    List<String> taskUsage = new ArrayList<>(TURN_USAGE);
    taskUsage.addAll(List.of("requests", "total_tokens"));
    SPAN_DATA.put(
        SpanType.TASK,
        keys("type", "name")
            .with(
                "data",
                keys("sdk_span_type", "name")
                    .with("usage", keys(taskUsage.toArray(String[]::new)))));
    SPAN_DATA.put(
        SpanType.TURN,
        keys("type", "name")
            .with(
                "data",
                keys("sdk_span_type", "turn", "agent_name")
                    .with("usage", keys(TURN_USAGE.toArray(String[]::new)))));
  }

  /** The nested shape of each allowed key; null for a value kept as it is. */
  private final Map<String, IngestShape> allowed;

  private IngestShape(Map<String, IngestShape> allowed) {
    this.allowed = allowed;
  }

  /** Returns a shape that allows these keys, with their values kept as they are. */
  static IngestShape keys(String... names) {
    Map<String, IngestShape> allowed = new LinkedHashMap<>();
    for (String name : names) {
      allowed.put(name, null);
    }
    return new IngestShape(Collections.unmodifiableMap(allowed));
  }

  /** Returns this shape with {@code name} allowed too, its value an object of {@code nested}. */
  IngestShape with(String name, IngestShape nested) {
    Map<String, IngestShape> allowed = new LinkedHashMap<>(this.allowed);
    allowed.put(name, nested);
    return new IngestShape(Collections.unmodifiableMap(allowed));
  }

  /**
   * Returns the span object's shape for a span type: the keys of the SDK's span object, {@code
   * metadata} included (the Python SDK sends a span's metadata there when it has any), with {@code
   * span_data} shaped by type.
   */
  static IngestShape span(SpanType type) {
    return keys("object", "id", "trace_id", "parent_id", "started_at", "ended_at", "metadata")
        .with("span_data", spanData(type))
        .with("error", keys("message", "data"));
  }

  /** Returns the {@code span_data} shape of a span type. */
  static IngestShape spanData(SpanType type) {
    return SPAN_DATA.get(type);
  }

  /** Returns the allowed keys, in the order of the table. */
  List<String> keyNames() {
    return List.copyOf(allowed.keySet());
  }

  /** Returns the shape of the object under {@code name}, or null when its value is kept whole. */
  IngestShape nested(String name) {
    return allowed.get(name);
  }

  /**
   * Removes from {@code object}, and from the objects under keys with a nested shape, every key
   * this shape does not allow. A value that is not an object where a shape is nested (a null {@code
   * usage}) is kept.
   */
  void retain(ObjectNode object) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!allowed.containsKey(field.getKey())) {
        fields.remove();
        continue;
      }
      IngestShape nested = allowed.get(field.getKey());
      if (nested != null && field.getValue() instanceof ObjectNode child) {
        nested.retain(child);
      }
    }
  }
}
