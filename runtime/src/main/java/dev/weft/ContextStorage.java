package dev.weft;

import dev.weft.internal.ExternalContext;
import dev.weft.internal.ExternalContexts;

/**
 * The current trace or span of each thread: null, a {@link TraceImpl} (a trace with no span open),
 * or a {@link SpanImpl} (which knows its trace). One object per thread, so switching costs no
 * allocation. Every change goes through {@link #set}, which also keeps an installed {@link
 * ExternalContext} in step (see {@link ExternalScopes}).
 */
final class ContextStorage {
  private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

  private ContextStorage() {}

  static Object get() {
    return CURRENT.get();
  }

  static void set(Object value) {
    // Never remove(): the next span on this thread would allocate a new map entry, and removing
    // clears a weak reference; a null value holds nothing alive.
    CURRENT.set(value);
    ExternalContext external = ExternalContexts.installed();
    if (external != null) {
      ExternalScopes.follow(external, value);
    }
  }

  /**
   * Restores {@code previous} when {@code closing} is what is current on this thread; a trace or
   * span closed out of order leaves the context alone, and spans or traces of this thread that have
   * already ended are skipped, so mis-ordered closes never leave an ended span current.
   */
  static void restore(Object closing, Object previous) {
    if (CURRENT.get() != closing) {
      return;
    }
    Object target = previous;
    Thread thread = Thread.currentThread();
    while (true) {
      if (target instanceof SpanImpl span && span.ownedBy(thread) && span.isEnded()) {
        target = span.previous();
      } else if (target instanceof TraceImpl trace && trace.ownedBy(thread) && trace.isEnded()) {
        target = trace.previous();
      } else {
        break;
      }
    }
    set(target);
  }

  static TraceImpl traceOf(Object value) {
    if (value instanceof SpanImpl span) {
      return span.trace;
    }
    return value instanceof TraceImpl trace ? trace : null;
  }
}
