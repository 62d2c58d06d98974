package dev.weft.weaver;

import dev.weft.capture.ValueRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes rendered values into the message objects a generation span records: a string becomes
 * {@code {"role": role, "content": text}}, a map (a rendered message record) stays as it is, and a
 * list contributes each of its elements.
 */
final class Messages {
  private Messages() {}

  /** Adds the messages a rendered value stands for to {@code out}. */
  static void append(List<Object> out, Object tree, String role) {
    if (tree == null) {
      return;
    }
    if (tree instanceof List<?> list) {
      for (Object element : list) {
        out.add(element instanceof Map<?, ?> ? element : message(role, element));
      }
    } else if (tree instanceof Map<?, ?>) {
      out.add(tree);
    } else {
      out.add(message(role, tree));
    }
  }

  /** Returns the message standing for a redacted value. */
  static Map<String, Object> redacted(String role) {
    return message(role, ValueRenderer.REDACTED);
  }

  private static Map<String, Object> message(String role, Object content) {
    Map<String, Object> message = new LinkedHashMap<>(4);
    message.put("role", role);
    message.put("content", content);
    return java.util.Collections.unmodifiableMap(message);
  }
}
