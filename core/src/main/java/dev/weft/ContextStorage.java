package dev.weft;

/**
 * The current trace or span of each thread: null, a {@link TraceImpl} (a trace with no span open),
 * or a {@link SpanImpl} (which knows its trace). One object per thread, so switching costs no
 * allocation.
 */
final class ContextStorage {
  private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

  private ContextStorage() {}

  static Object get() {
    return CURRENT.get();
  }

  static void set(Object value) {
    if (value == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(value);
    }
  }

  static TraceImpl traceOf(Object value) {
    if (value instanceof SpanImpl span) {
      return span.trace;
    }
    return value instanceof TraceImpl trace ? trace : null;
  }
}
