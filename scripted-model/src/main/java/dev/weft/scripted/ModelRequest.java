package dev.weft.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as the scripted model received it: chat completions or the Responses API.
 *
 * @param path the request path
 * @param body the JSON body
 */
public record ModelRequest(String path, JsonNode body) {

  static ModelRequest of(String path, JsonNode body) {
    return new ModelRequest(path, body);
  }

  /** Returns the requested model, or {@code unknown}. */
  public String model() {
    return body.path("model").asText("unknown");
  }

  /** Returns whether the answer is to be streamed. */
  public boolean stream() {
    return body.path("stream").asBoolean(false);
  }

  /**
   * Returns the messages: a chat-completions request's {@code messages}; for a Responses API
   * request, its {@code instructions} as a system message, then its {@code input} (a text is one
   * user message; of a list, the messages as they are and each {@code function_call_output} as a
   * tool message).
   */
  public List<JsonNode> messages() {
    List<JsonNode> messages = new ArrayList<>();
    if (body.has("messages") || !body.has("input")) {
      body.path("messages").forEach(messages::add);
      return messages;
    }
    if (body.path("instructions").isTextual()) {
      messages.add(message("system", body.path("instructions").asText()));
    }
    JsonNode input = body.path("input");
    if (input.isTextual()) {
      messages.add(message("user", input.asText()));
    }
    for (JsonNode item : input.isArray() ? input : List.<JsonNode>of()) {
      if ("function_call_output".equals(item.path("type").asText())) {
        messages.add(message("tool", item.path("output").asText()));
      } else if (item.has("role")) {
        messages.add(item);
      }
    }
    return messages;
  }

  private static JsonNode message(String role, String content) {
    com.fasterxml.jackson.databind.node.ObjectNode message =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    return message.put("role", role).put("content", content);
  }

  /** Returns the role of the last message, or an empty string. */
  public String lastRole() {
    List<JsonNode> messages = messages();
    return messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("role").asText();
  }

  /** Returns the text of the last user message, or an empty string. */
  public String lastUserText() {
    List<JsonNode> messages = messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if ("user".equals(message.path("role").asText())) {
        return text(message.path("content"));
      }
    }
    return "";
  }

  /** Returns the texts of the tool results that follow the last assistant message. */
  public List<String> lastToolResults() {
    List<JsonNode> messages = messages();
    List<String> results = new ArrayList<>();
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if (!"tool".equals(message.path("role").asText())) {
        break;
      }
      results.add(0, text(message.path("content")));
    }
    return results;
  }

  /**
   * Returns the tool definitions offered: {@code tools[].function}, or for the Responses API the
   * {@code tools[]} of type {@code function} themselves.
   */
  public List<JsonNode> tools() {
    List<JsonNode> tools = new ArrayList<>();
    body.path("tools")
        .forEach(tool -> tools.add(tool.has("function") ? tool.path("function") : tool));
    return tools;
  }

  /** Returns the JSON schema of a {@code json_schema} response format, or null. */
  public JsonNode responseSchema() {
    JsonNode format = body.path("response_format");
    if ("json_schema".equals(format.path("type").asText())) {
      return format.path("json_schema").path("schema");
    }
    return null;
  }

  /** Returns whether a JSON object answer was asked for. */
  public boolean wantsJson() {
    String type = body.path("response_format").path("type").asText("");
    return type.equals("json_object") || type.equals("json_schema");
  }

  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    content.forEach(part -> text.append(part.path("text").asText("")));
    return text.toString();
  }
}
