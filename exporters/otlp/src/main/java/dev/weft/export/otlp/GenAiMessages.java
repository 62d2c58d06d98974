package dev.weft.export.otlp;

import dev.weft.capture.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a generation's messages, as Weft records them (chat messages with {@code role}, {@code
 * content}, {@code tool_calls} and {@code tool_call_id}, or Responses API items), into the JSON
 * structure of the GenAI semantic conventions: {@code gen_ai.system_instructions} (a list of
 * parts), {@code gen_ai.input.messages} and {@code gen_ai.output.messages} (messages of a {@code
 * role} and {@code parts}: {@code text}, {@code tool_call} with {@code id}, {@code name}, {@code
 * arguments}, {@code tool_call_response} with {@code id} and {@code response}; output messages also
 * carry a {@code finish_reason}).
 */
final class GenAiMessages {
  private final List<Object> systemInstructions = new ArrayList<>();
  private final List<Object> messages = new ArrayList<>();

  private GenAiMessages() {}

  /** Returns the input side: system and developer messages become the system instructions. */
  static GenAiMessages input(List<Object> recorded) {
    GenAiMessages result = new GenAiMessages();
    if (recorded != null) {
      for (Object item : recorded) {
        result.add(item, false, null);
      }
    }
    return result;
  }

  /** Returns the output side, each message with {@code finishReason} (or one made up from it). */
  static GenAiMessages output(List<Object> recorded, String finishReason) {
    GenAiMessages result = new GenAiMessages();
    if (recorded != null) {
      for (Object item : recorded) {
        result.add(item, true, finishReason);
      }
    }
    return result;
  }

  /** Returns the system instructions as JSON, or null when there are none. */
  String systemInstructionsJson() {
    return systemInstructions.isEmpty() ? null : JsonText.write(systemInstructions);
  }

  /** Returns the messages as JSON, or null when there are none. */
  String messagesJson() {
    return messages.isEmpty() ? null : JsonText.write(messages);
  }

  private void add(Object item, boolean output, String finishReason) {
    if (!(item instanceof Map<?, ?> map)) {
      if (item != null) {
        messages.add(
            message(
                output ? "assistant" : "user",
                textPart(item),
                output ? finishReason(finishReason, false) : null));
      }
      return;
    }
    String type = text(map.get("type"));
    if ("function_call".equals(type)) {
      // A Responses API item: the model's call of a tool.
      messages.add(
          message(
              "assistant",
              toolCall(map.get("call_id"), map.get("name"), map.get("arguments")),
              output ? "tool_call" : null));
      return;
    }
    if ("function_call_output".equals(type)) {
      messages.add(message("tool", toolResponse(map.get("call_id"), map.get("output")), null));
      return;
    }
    String role = text(map.get("role"));
    role = role == null ? (output ? "assistant" : "user") : role;
    if (role.equals("system") || role.equals("developer")) {
      systemInstructions.addAll(parts(map.get("content")));
      return;
    }
    List<Object> parts = new ArrayList<>();
    if (role.equals("tool")) {
      parts.add(toolResponse(map.get("tool_call_id"), map.get("content")));
    } else {
      parts.addAll(parts(map.get("content")));
    }
    boolean calls = false;
    if (map.get("tool_calls") instanceof List<?> toolCalls) {
      for (Object call : toolCalls) {
        if (call instanceof Map<?, ?> c) {
          Object function = c.get("function");
          Map<?, ?> f = function instanceof Map<?, ?> fm ? fm : c;
          parts.add(toolCall(c.get("id"), f.get("name"), f.get("arguments")));
          calls = true;
        }
      }
    }
    String finish = null;
    if (output || map.containsKey("finish_reason")) {
      Object own = map.get("finish_reason");
      finish = finishReason(own != null ? text(own) : finishReason, calls);
    }
    messages.add(message(role, parts, finish));
  }

  private static Map<String, Object> message(String role, Object parts, String finishReason) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", role);
    message.put("parts", parts instanceof List<?> ? parts : List.of(parts));
    if (finishReason != null) {
      message.put("finish_reason", finishReason);
    }
    return message;
  }

  /** The parts of a message's content: a text, or a list of content parts. */
  private static List<Object> parts(Object content) {
    List<Object> parts = new ArrayList<>();
    if (content == null) {
      return parts;
    }
    if (!(content instanceof List<?> list)) {
      parts.add(textPart(content));
      return parts;
    }
    for (Object part : list) {
      if (part instanceof Map<?, ?> p) {
        String type = text(p.get("type"));
        Object text = p.containsKey("text") ? p.get("text") : p.get("content");
        if (text != null && (type == null || type.equals("text") || type.endsWith("_text"))) {
          parts.add(textPart(text));
        } else {
          // Images, audio, files: kept under their own type, as the conventions allow.
          Map<String, Object> generic = new LinkedHashMap<>();
          generic.put("type", type == null ? "unknown" : type);
          for (Map.Entry<?, ?> e : p.entrySet()) {
            if (!"type".equals(e.getKey())) {
              generic.put(String.valueOf(e.getKey()), e.getValue());
            }
          }
          parts.add(generic);
        }
      } else if (part != null) {
        parts.add(textPart(part));
      }
    }
    return parts;
  }

  private static Map<String, Object> textPart(Object text) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("type", "text");
    part.put("content", text instanceof String s ? s : JsonText.write(text));
    return part;
  }

  private static Map<String, Object> toolCall(Object id, Object name, Object arguments) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("type", "tool_call");
    if (id != null) {
      part.put("id", text(id));
    }
    part.put("name", name == null ? null : text(name));
    if (arguments != null) {
      // As the model sent them: usually a JSON object in a string.
      part.put("arguments", arguments);
    }
    return part;
  }

  private static Map<String, Object> toolResponse(Object id, Object response) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("type", "tool_call_response");
    if (id != null) {
      part.put("id", text(id));
    }
    part.put("response", response);
    return part;
  }

  /** The conventions' finish reason: stop, length, content_filter, tool_call or error. */
  private static String finishReason(String recorded, boolean calledTools) {
    if (recorded == null || recorded.isBlank()) {
      return calledTools ? "tool_call" : "stop";
    }
    String reason = recorded.toLowerCase(Locale.ROOT);
    return switch (reason) {
      case "tool_calls", "tool_execution", "function_call", "tool_use" -> "tool_call";
      case "max_tokens", "max_output_tokens" -> "length";
      case "end_turn", "stop_sequence", "completed" -> "stop";
      default -> reason;
    };
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
