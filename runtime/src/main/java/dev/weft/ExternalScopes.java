package dev.weft;

import dev.weft.internal.ExternalContext;
import dev.weft.internal.WeftLog;
import java.util.Arrays;

/**
 * Keeps the {@link ExternalContext} of a thread in step with Weft's context: each Weft span that
 * becomes current on the thread is made current there too, and when Weft's context goes back to
 * what was current before, the scopes opened since are closed, newest first.
 *
 * <p>One stack per thread of what Weft made current and the external scope it opened for it (none
 * for a trace with no span open: the external system's own span, if any, stays current there). A
 * value already on the stack is a return to it; any other value is a new one, pushed on top.
 */
final class ExternalScopes {
  private static final ThreadLocal<ExternalScopes> OF_THREAD =
      ThreadLocal.withInitial(ExternalScopes::new);

  private Object[] values = new Object[8];
  private AutoCloseable[] scopes = new AutoCloseable[8];
  private int size;

  private ExternalScopes() {}

  /** Follows Weft's context of this thread becoming {@code value}. */
  static void follow(ExternalContext external, Object value) {
    OF_THREAD.get().moveTo(external, value);
  }

  /**
   * Returns the caller's span in the external system when a trace starts on this thread with
   * nothing of Weft current, or null.
   */
  static Traceparent joinable(ExternalContext external) {
    try {
      return Traceparent.parse(external.currentTraceparent());
    } catch (Throwable t) {
      WeftLog.warnRateLimited("external-context", "reading OpenTelemetry's current span failed", t);
      return null;
    }
  }

  private void moveTo(ExternalContext external, Object value) {
    for (int i = size - 1; i >= 0; i--) {
      if (values[i] == value) {
        closeAbove(i);
        return;
      }
    }
    if (value == null) {
      closeAbove(-1);
      return;
    }
    push(value, value instanceof SpanImpl span ? attach(external, span) : null);
  }

  private static AutoCloseable attach(ExternalContext external, SpanImpl span) {
    TraceImpl trace = span.trace;
    try {
      long high = trace.idHigh();
      long low = trace.idLow();
      if ((high | low) == 0) {
        return null; // W3C holds an id of all zeros invalid; Weft makes none, but one may be set
      }
      return external.attach(high, low, span.w3cSpanBits(), trace.sampled);
    } catch (Throwable t) {
      WeftLog.warnRateLimited(
          "external-context", "making a Weft span current in OpenTelemetry failed", t);
      return null;
    }
  }

  private void push(Object value, AutoCloseable scope) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      scopes = Arrays.copyOf(scopes, size * 2);
    }
    values[size] = value;
    scopes[size] = scope;
    size++;
  }

  /** Closes and removes, newest first, every entry above {@code index}. */
  private void closeAbove(int index) {
    while (size - 1 > index) {
      size--;
      AutoCloseable scope = scopes[size];
      values[size] = null;
      scopes[size] = null;
      if (scope != null) {
        try {
          scope.close();
        } catch (Throwable t) {
          WeftLog.warnRateLimited(
              "external-context", "restoring OpenTelemetry's current span failed", t);
        }
      }
    }
  }
}
