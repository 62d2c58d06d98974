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

  /** Creates an error, copying {@code data} unless it is the immutable data of an exception. */
  public SpanError {
    message = message == null ? "" : message;
    if (data != null && !(data instanceof ExceptionFacts)) {
      data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
  }

  /** Returns an error with a message only. */
  public static SpanError of(String message) {
    return new SpanError(message, null);
  }

  /**
   * Returns the error of an exception: its message (or simple class name when it has none), its
   * class name and its top stack frames. With {@code includeMessage} false the message is replaced
   * by the simple class name, so no captured text survives.
   *
   * <p>The frames are read and formatted when {@code data} is first read, not here: until then the
   * error holds the exception.
   */
  public static SpanError fromException(Throwable exception, boolean includeMessage) {
    String type = exception.getClass().getName();
    String message = includeMessage ? safeMessage(exception) : null;
    if (message == null || message.isEmpty()) {
      message = simpleName(exception.getClass());
    }
    return new SpanError(message, new ExceptionFacts(type, exception));
  }

  /**
   * Returns this error without captured text: an error from an exception keeps only its type, a
   * hand-made error keeps its message but loses its data.
   */
  public SpanError withoutSensitiveContent() {
    if (data instanceof ExceptionFacts facts) {
      // Type and frames are no captured text; the frames stay unread until exported.
      String type = facts.type();
      return new SpanError(type.substring(type.lastIndexOf('.') + 1), facts);
    }
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

  private static String simpleName(Class<?> type) {
    String simpleName = type.getSimpleName();
    if (simpleName.isEmpty()) {
      // Anonymous and hidden classes have no simple name; the message must never be empty.
      String name = type.getName();
      simpleName = name.substring(name.lastIndexOf('.') + 1);
    }
    return simpleName;
  }

  private static String safeMessage(Throwable exception) {
    try {
      return exception.getMessage();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
