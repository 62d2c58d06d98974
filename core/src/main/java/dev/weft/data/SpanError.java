package dev.weft.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error of a span: a message and optional structured data, exported as {@code {"message": …,
 * "data": {…}|null}}.
 *
 * <p>An error made from an exception keeps the exception's class under {@code data.type} and its
 * top stack frames under {@code data.stack}; without sensitive data its message is the simple class
 * name only.
 *
 * @param message what went wrong
 * @param data further facts by name, or null
 */
public record SpanError(String message, Map<String, Object> data) {

  private static final int MAX_STACK_FRAMES = 12;

  /** Creates an error, copying {@code data}. */
  public SpanError {
    message = message == null ? "" : message;
    data = data == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** Returns an error with a message only. */
  public static SpanError of(String message) {
    return new SpanError(message, null);
  }

  /**
   * Returns the error of an exception: its message (or simple class name when it has none), its
   * class name and its top stack frames. With {@code includeMessage} false the message is replaced
   * by the simple class name, so no captured text survives.
   */
  public static SpanError fromException(Throwable exception, boolean includeMessage) {
    String type = exception.getClass().getName();
    String simpleName = exception.getClass().getSimpleName();
    if (simpleName.isEmpty()) {
      // Anonymous and hidden classes have no simple name; the message must never be empty.
      simpleName = type.substring(type.lastIndexOf('.') + 1);
    }
    String message = includeMessage ? safeMessage(exception) : null;
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", type);
    StackTraceElement[] frames = exception.getStackTrace();
    int count = Math.min(frames.length, MAX_STACK_FRAMES);
    if (count > 0) {
      String[] stack = new String[count];
      for (int i = 0; i < count; i++) {
        stack[i] = frames[i].toString();
      }
      data.put("stack", java.util.List.of(stack));
    }
    return new SpanError(message == null || message.isEmpty() ? simpleName : message, data);
  }

  /**
   * Returns this error without captured text: an error from an exception keeps only its type, a
   * hand-made error keeps its message but loses its data.
   */
  public SpanError withoutSensitiveContent() {
    if (data != null && data.get("type") instanceof String type) {
      Map<String, Object> kept = new LinkedHashMap<>();
      kept.put("type", type);
      if (data.containsKey("stack")) {
        kept.put("stack", data.get("stack"));
      }
      return new SpanError(type.substring(type.lastIndexOf('.') + 1), kept);
    }
    return new SpanError(message, null);
  }

  private static String safeMessage(Throwable exception) {
    try {
      return exception.getMessage();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
