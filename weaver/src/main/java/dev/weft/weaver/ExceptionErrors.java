package dev.weft.weaver;

import dev.weft.data.SpanError;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Makes the error a method's exception records, as {@link SpanError#fromException} does, but with
 * the stack frames rendered only when an exporter first reads them: materialising a stack trace
 * costs microseconds, which would otherwise be spent on the application's thread for every failing
 * call.
 */
final class ExceptionErrors {
  private static final int MAX_STACK_FRAMES = 12;

  private ExceptionErrors() {}

  /**
   * Returns the error of {@code exception}: its message (or simple class name), its class name
   * under {@code type} and its top stack frames under {@code stack}. Without sensitive data the
   * message is the simple class name.
   */
  static SpanError of(Throwable exception, boolean includeMessage) {
    Class<?> type = exception.getClass();
    String typeName = type.getName();
    String message = includeMessage ? safeMessage(exception) : null;
    if (message == null || message.isEmpty()) {
      String simpleName = type.getSimpleName();
      message =
          simpleName.isEmpty() ? typeName.substring(typeName.lastIndexOf('.') + 1) : simpleName;
    }
    Map<String, Object> data = new LinkedHashMap<>(4);
    data.put("type", typeName);
    data.put("stack", new LazyStack(exception));
    return new SpanError(message, data);
  }

  private static String safeMessage(Throwable exception) {
    try {
      return exception.getMessage();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The top frames of an exception's stack as strings, worked out on first read and then fixed; the
   * exception is let go once they are.
   */
  static final class LazyStack extends AbstractList<String> implements RandomAccess {
    private Throwable source;
    private List<String> frames;

    LazyStack(Throwable source) {
      this.source = source;
    }

    private synchronized List<String> frames() {
      if (frames == null) {
        String[] rendered;
        try {
          StackTraceElement[] elements = source.getStackTrace();
          rendered = new String[Math.min(elements.length, MAX_STACK_FRAMES)];
          for (int i = 0; i < rendered.length; i++) {
            rendered[i] = String.valueOf(elements[i]);
          }
        } catch (RuntimeException e) {
          rendered = new String[0];
        }
        frames = List.of(rendered);
        source = null;
      }
      return frames;
    }

    @Override
    public String get(int index) {
      return frames().get(index);
    }

    @Override
    public int size() {
      return frames().size();
    }
  }
}
