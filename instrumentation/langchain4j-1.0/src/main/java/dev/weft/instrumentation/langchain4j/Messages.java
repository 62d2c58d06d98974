package dev.weft.instrumentation.langchain4j;

import dev.weft.instrumentation.api.Reflect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j's chat messages as the message objects of a generation span: {@code role}, {@code
 * content}, the assistant's {@code tool_calls} and the tool result's {@code tool_call_id}, as the
 * chat-completions format has them.
 */
final class Messages {
  // The accessors read, each remembering the methods it found on the classes it met.
  private static final Reflect.Accessor ARGUMENTS = Reflect.accessor("arguments");
  private static final Reflect.Accessor CONTENTS = Reflect.accessor("contents");
  private static final Reflect.Accessor HAS_SINGLE_TEXT = Reflect.accessor("hasSingleText");
  private static final Reflect.Accessor ID = Reflect.accessor("id");
  private static final Reflect.Accessor NAME = Reflect.accessor("name");
  private static final Reflect.Accessor SINGLE_TEXT = Reflect.accessor("singleText");
  private static final Reflect.Accessor TEXT = Reflect.accessor("text");
  private static final Reflect.Accessor TOOL_EXECUTION_REQUESTS =
      Reflect.accessor("toolExecutionRequests");
  private static final Reflect.Accessor TOOL_NAME = Reflect.accessor("toolName");

  private Messages() {}

  /** Returns the messages of a {@code ChatRequest}. */
  static List<Object> of(Object messages, Text text) {
    List<Object> list = new ArrayList<>();
    if (messages instanceof Iterable<?> iterable) {
      for (Object message : iterable) {
        Map<String, Object> converted = message(message, text);
        if (converted != null) {
          list.add(converted);
        }
      }
    }
    return list;
  }

  /** Returns one message, or null for something that is not a chat message. */
  static Map<String, Object> message(Object message, Text text) {
    if (message == null) {
      return null;
    }
    String kind = message.getClass().getSimpleName();
    Map<String, Object> map = new LinkedHashMap<>();
    switch (kind) {
      case "SystemMessage":
        map.put("role", "system");
        map.put("content", text.of(TEXT.text(message)));
        break;
      case "UserMessage":
        map.put("role", "user");
        map.put("content", text.of(userText(message)));
        String name = NAME.text(message);
        if (name != null) {
          map.put("name", name);
        }
        break;
      case "AiMessage":
        return assistant(message, text);
      case "ToolExecutionResultMessage":
        map.put("role", "tool");
        map.put("tool_call_id", ID.text(message));
        map.put("name", TOOL_NAME.text(message));
        map.put("content", text.of(toolResultText(message)));
        break;
      default:
        map.put("role", kind.replace("Message", "").toLowerCase(java.util.Locale.ROOT));
        map.put("content", text.of(String.valueOf(message)));
    }
    return map;
  }

  /** Returns an {@code AiMessage} as an assistant message with its tool calls. */
  static Map<String, Object> assistant(Object aiMessage, Text text) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("role", "assistant");
    map.put("content", text.of(TEXT.text(aiMessage)));
    Object requests = TOOL_EXECUTION_REQUESTS.call(aiMessage);
    if (requests instanceof List<?> list && !list.isEmpty()) {
      List<Object> calls = new ArrayList<>();
      for (Object request : list) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", NAME.text(request));
        function.put("arguments", text.of(ARGUMENTS.text(request)));
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", ID.text(request));
        call.put("type", "function");
        call.put("function", function);
        calls.add(call);
      }
      map.put("tool_calls", calls);
    }
    return map;
  }

  private static String userText(Object message) {
    Object single = HAS_SINGLE_TEXT.call(message);
    if (Boolean.TRUE.equals(single)) {
      return SINGLE_TEXT.text(message);
    }
    Object contents = CONTENTS.call(message);
    if (contents instanceof List<?> parts) {
      StringBuilder joined = new StringBuilder();
      for (Object part : parts) {
        String piece = TEXT.text(part);
        if (piece == null) {
          piece = "[" + part.getClass().getSimpleName() + "]";
        }
        if (joined.length() > 0) {
          joined.append('\n');
        }
        joined.append(piece);
      }
      return joined.toString();
    }
    return TEXT.text(message);
  }

  private static String toolResultText(Object message) {
    // From 1.13 text() throws unless the contents are one text; the reader then gives null.
    String text = TEXT.text(message);
    if (text != null) {
      return text;
    }
    Object contents = CONTENTS.call(message);
    return contents == null ? null : contents.toString();
  }

  /** Turns captured text into what a span keeps: redacted and bounded, as every capture is. */
  interface Text {
    String of(String value);
  }
}
