package dev.weft.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Ready-made scripts. */
public final class Scripts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Scripts() {}

  /**
   * A model that uses its tools before it answers: while no tool result has come back it calls
   * every offered tool once, with arguments made from each tool's parameter schema; after the tool
   * results it answers with a text that quotes them; asked for JSON it answers with an object made
   * from the response schema; otherwise it answers {@code Answer: <the user's text>}.
   *
   * <p>Words in the user's text steer it for tests: {@code [fail:500]} and {@code [fail:429]}
   * answer that HTTP status, {@code [broken-stream]} breaks a streamed answer off half way, {@code
   * [no-tools]} answers without calling tools.
   */
  public static Script conversational() {
    return request -> {
      String user = request.lastUserText();
      if (user.contains("[fail:500]")) {
        return new Reply.Failure(500, "the scripted model failed", 0);
      }
      if (user.contains("[fail:429]")) {
        return new Reply.Failure(429, "rate limited by the scripted model", 1);
      }
      if (user.contains("[broken-stream]") && request.stream()) {
        return new Reply.BrokenStream("This answer will not arrive whole.");
      }
      List<String> results = request.lastToolResults();
      if (!results.isEmpty()) {
        return Reply.text("Based on the tools: " + String.join("; ", results));
      }
      if (!request.tools().isEmpty() && !user.contains("[no-tools]")) {
        List<Reply.Call> calls = new ArrayList<>();
        for (JsonNode tool : request.tools()) {
          calls.add(new Reply.Call(tool.path("name").asText(), example(tool.path("parameters"))));
        }
        return new Reply.ToolCalls(calls);
      }
      if (request.wantsJson()) {
        JsonNode schema = request.responseSchema();
        return Reply.text(schema == null ? "{\"answer\":\"" + user + "\"}" : example(schema));
      }
      return Reply.text("Answer: " + user);
    };
  }

  /** Returns JSON text that fits a JSON schema: a sample value of each property. */
  static String example(JsonNode schema) {
    try {
      return JSON.writeValueAsString(sample(schema, 0));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "{}";
    }
  }

  private static JsonNode sample(JsonNode schema, int depth) {
    if (schema.has("anyOf") && schema.path("anyOf").size() > 0) {
      return sample(schema.path("anyOf").get(0), depth);
    }
    String type = "object";
    JsonNode declared = schema.path("type");
    if (declared.isTextual()) {
      type = declared.asText();
    } else if (declared.isArray()) {
      for (JsonNode option : declared) {
        if (!option.asText().equals("null")) {
          type = option.asText();
          break;
        }
      }
    }
    if (schema.has("enum") && schema.path("enum").size() > 0) {
      return schema.path("enum").get(0);
    }
    switch (type) {
      case "string":
        return JSON.getNodeFactory().textNode("sample");
      case "integer":
        return JSON.getNodeFactory().numberNode(1);
      case "number":
        return JSON.getNodeFactory().numberNode(1.5);
      case "boolean":
        return JSON.getNodeFactory().booleanNode(true);
      case "array":
        ArrayNode array = JSON.createArrayNode();
        if (depth < 4) {
          array.add(sample(schema.path("items"), depth + 1));
        }
        return array;
      default:
        ObjectNode object = JSON.createObjectNode();
        if (depth < 4) {
          Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            object.set(field.getKey(), sample(field.getValue(), depth + 1));
          }
        }
        return object;
    }
  }
}
