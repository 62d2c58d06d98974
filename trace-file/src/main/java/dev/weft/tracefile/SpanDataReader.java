package dev.weft.tracefile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.data.AgentSpanData;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.SpeechGroupSpanData;
import dev.weft.data.SpeechSpanData;
import dev.weft.data.TaskSpanData;
import dev.weft.data.TranscriptionSpanData;
import dev.weft.data.TurnSpanData;
import dev.weft.data.Usage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON that {@link TraceJson} writes back into span data, errors, usage and plain values
 * (maps, lists, strings, numbers, booleans). Lenient: a missing or mistyped field reads as null, an
 * unknown span type reads as custom data named after the type.
 */
final class SpanDataReader {
  private SpanDataReader() {}

  static SpanData spanData(JsonNode node) {
    String type = text(node.get("type"));
    if (type == null) {
      return new CustomSpanData("unknown", objectMap(node));
    }
    switch (type) {
      case "agent":
        return new AgentSpanData(
            text(node.get("name")),
            strings(node.get("handoffs")),
            strings(node.get("tools")),
            text(node.get("output_type")));
      case "function":
        return new FunctionSpanData(
            text(node.get("name")),
            text(node.get("input")),
            text(node.get("output")),
            value(node.get("mcp_data")));
      case "generation":
        return new GenerationSpanData(
            list(node.get("input")),
            list(node.get("output")),
            text(node.get("model")),
            map(node.get("model_config")),
            usage(node.get("usage")));
      case "response":
        return new ResponseSpanData(text(node.get("response_id")), usage(node.get("usage")));
      case "handoff":
        return new HandoffSpanData(text(node.get("from_agent")), text(node.get("to_agent")));
      case "guardrail":
        return new GuardrailSpanData(
            text(node.get("name")), node.path("triggered").asBoolean(false));
      case "transcription":
        return new TranscriptionSpanData(
            text(node.path("input").get("data")),
            text(node.path("input").get("format")),
            text(node.get("output")),
            text(node.get("model")),
            map(node.get("model_config")));
      case "speech":
        return new SpeechSpanData(
            text(node.get("input")),
            text(node.path("output").get("data")),
            text(node.path("output").get("format")),
            text(node.get("model")),
            map(node.get("model_config")),
            text(node.get("first_content_at")));
      case "speech_group":
        return new SpeechGroupSpanData(text(node.get("input")));
      case "mcp_tools":
        return new McpToolsSpanData(text(node.get("server")), strings(node.get("result")));
      case "custom":
        return custom(node);
      default:
        Map<String, Object> fields = objectMap(node);
        fields.remove("type");
        return new CustomSpanData(type, fields);
    }
  }

  /** Task and turn spans travel as custom spans marked with {@code sdk_span_type}. */
  private static SpanData custom(JsonNode node) {
    String name = text(node.get("name"));
    JsonNode data = node.path("data");
    String sdkType = text(data.get("sdk_span_type"));
    if ("task".equals(sdkType) && "task".equals(name)) {
      return new TaskSpanData(text(data.get("name")), usage(data.get("usage")));
    }
    if ("turn".equals(sdkType) && "turn".equals(name)) {
      return new TurnSpanData(
          data.path("turn").asInt(0), text(data.get("agent_name")), usage(data.get("usage")));
    }
    return new CustomSpanData(name, objectMap(data));
  }

  static SpanError error(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    return new SpanError(text(node.get("message")), map(node.get("data")));
  }

  static Usage usage(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, Object> details = objectMap(node);
    details.remove("input_tokens");
    details.remove("output_tokens");
    return new Usage(
        node.path("input_tokens").asLong(0), node.path("output_tokens").asLong(0), details);
  }

  static String text(JsonNode node) {
    return node == null || node.isNull()
        ? null
        : node.isTextual() ? node.asText() : node.toString();
  }

  private static List<String> strings(JsonNode node) {
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>(node.size());
    node.forEach(item -> out.add(text(item)));
    return out;
  }

  private static List<Object> list(JsonNode node) {
    return node != null && node.isArray() ? listOf(node) : null;
  }

  static Map<String, Object> map(JsonNode node) {
    return node != null && node.isObject() ? objectMap(node) : null;
  }

  private static Map<String, Object> objectMap(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      out.put(field.getKey(), value(field.getValue()));
    }
    return out;
  }

  private static List<Object> listOf(JsonNode node) {
    List<Object> out = new ArrayList<>(node.size());
    node.forEach(item -> out.add(value(item)));
    return out;
  }

  /** Returns a JSON value as maps, lists, strings, longs, doubles, booleans and nulls. */
  static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return objectMap(node);
    }
    if (node.isArray()) {
      return listOf(node);
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }
}
