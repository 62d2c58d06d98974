package dev.weft.viewer;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the viewer's search needs to know of a trace's spans without loading the trace: the span
 * types with their counts, the distinct span names and the first error messages.
 *
 * <p>Names and messages are bounded in number and length, so an index entry stays small whatever
 * the trace holds, and appending it costs the same for every trace.
 */
final class SpanFacets {

  /** Distinct span names kept per trace; the rest are found by the page's search of the trace. */
  static final int MAX_NAMES = 64;

  /** Error messages kept per trace. */
  static final int MAX_ERRORS = 5;

  /** Characters kept of one name or error message. */
  static final int MAX_CHARS = 200;

  private final Map<String, Integer> types = new TreeMap<>();
  private final Set<String> names = new LinkedHashSet<>();
  private final List<String> errorMessages = new ArrayList<>();

  /** Counts one span of {@code type} named {@code name} (either may be null). */
  void addSpan(String type, String name) {
    types.merge(type == null ? "unknown" : type, 1, Integer::sum);
    if (name != null && !name.isEmpty() && names.size() < MAX_NAMES) {
      names.add(cut(name));
    }
  }

  /** Keeps the message of one span's error, up to {@link #MAX_ERRORS} of them. */
  void addError(String message) {
    if (message != null && !message.isEmpty() && errorMessages.size() < MAX_ERRORS) {
      errorMessages.add(cut(message));
    }
  }

  Map<String, Integer> types() {
    return types;
  }

  Set<String> names() {
    return names;
  }

  List<String> errorMessages() {
    return errorMessages;
  }

  /** Writes the fields {@code types}, {@code names} and {@code error_messages}. */
  void writeFields(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("types");
    for (Map.Entry<String, Integer> e : types.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("names");
    for (String name : names) {
      g.writeString(name);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("error_messages");
    for (String message : errorMessages) {
      g.writeString(message);
    }
    g.writeEndArray();
  }

  private static String cut(String text) {
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    int end = MAX_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
