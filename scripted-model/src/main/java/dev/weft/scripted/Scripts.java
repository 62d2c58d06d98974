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
   * A model that uses its tools before it answers a question: when the user's text asks something
   * (has a {@code ?}) and no tool result has come back, it calls every offered tool once, with
   * arguments made from each tool's parameter schema and the user's text (see {@link #arguments});
   * after the tool results it answers with a text that quotes them in sorted order; asked for JSON
   * it answers with an object made from the response schema; otherwise it answers {@code Answer:
   * <the user's text>}.
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
      List<String> results = new ArrayList<>(request.lastToolResults());
      if (!results.isEmpty()) {
        // Sorted: a framework may offer the same tools in a different order from one run to the
        // next (reflection order), and the answer must not depend on it.
        results.sort(null);
        return Reply.text("Based on the tools: " + String.join("; ", results));
      }
      if (!request.tools().isEmpty() && user.contains("?") && !user.contains("[no-tools]")) {
        List<Reply.Call> calls = new ArrayList<>();
        for (JsonNode tool : request.tools()) {
          calls.add(
              new Reply.Call(tool.path("name").asText(), arguments(tool.path("parameters"), user)));
        }
        return new Reply.ToolCalls(calls);
      }
      if (request.wantsJson()) {
        JsonNode schema = request.responseSchema();
        return Reply.text(schema == null ? "{\"answer\":\"" + user + "\"}" : example(schema));
      }
      JsonNode promptSchema = schemaInText(user);
      if (promptSchema != null) {
        return Reply.text(example(promptSchema));
      }
      return Reply.text("Answer: " + user);
    };
  }

  /**
   * Returns the JSON schema a prompt asks the answer to follow in its text, as frameworks that ask
   * for structured output in the prompt put it: the first fenced block after the words {@code JSON
   * Schema}; or null.
   */
  static JsonNode schemaInText(String text) {
    int mention = text.indexOf("JSON Schema");
    int open = mention < 0 ? -1 : text.indexOf("```", mention);
    int close = open < 0 ? -1 : text.indexOf("```", open + 3);
    if (close < 0) {
      return null;
    }
    String block = text.substring(open + 3, close).trim();
    if (block.startsWith("json")) {
      block = block.substring(4);
    }
    try {
      JsonNode schema = JSON.readTree(block);
      return schema.isObject() ? schema : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * Returns tool arguments that fit the schema, taken from the user's text where a property's name
   * says what to look for: the first number for an order, id or number, the first capitalised word
   * after the first for a city or place; {@code sample} otherwise.
   */
  static String arguments(JsonNode schema, String userText) {
    ObjectNode arguments = (ObjectNode) sample(schema, 0);
    Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!"string".equals(field.getValue().path("type").asText())) {
        continue;
      }
      String name = field.getKey().toLowerCase(java.util.Locale.ROOT);
      String found = null;
      if (name.contains("order") || name.contains("id") || name.contains("number")) {
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("\\d+").matcher(userText);
        found = digits.find() ? digits.group() : null;
      } else if (name.contains("city") || name.contains("place") || name.contains("location")) {
        java.util.regex.Matcher word =
            java.util.regex.Pattern.compile("(?<=\\s)[A-Z][a-z]+").matcher(userText);
        found = word.find() ? word.group() : null;
      }
      if (found != null) {
        arguments.put(field.getKey(), found);
      }
    }
    try {
      return JSON.writeValueAsString(arguments);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "{}";
    }
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
