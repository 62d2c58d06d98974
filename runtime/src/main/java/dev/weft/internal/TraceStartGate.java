package dev.weft.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Work a trace must not start before. The java agent carries the trace context into the JDK's
 * executors and threads by weaving JDK classes, which it does on a thread of its own while the
 * application starts; a trace that starts before that is done waits for it, so that no task it
 * hands to a pool leaves it. Once open, the gate costs a trace start one volatile read.
 */
public final class TraceStartGate {
  /** How long a trace start waits at most: the weaving takes a fraction of a second. */
  static final long MAX_WAIT_SECONDS = 5;

  private static volatile CountDownLatch pending;

  private TraceStartGate() {}

  /** Makes trace starts wait until {@code done} reaches zero. */
  public static void closeUntil(CountDownLatch done) {
    pending = done;
  }

  /** Waits, when the gate is closed, until it opens or {@value #MAX_WAIT_SECONDS} s have passed. */
  public static void pass() {
    CountDownLatch done = pending;
    if (done == null) {
      return;
    }
    try {
      if (!done.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
        WeftLog.warn(
            "the JDK's executors were not ready after "
                + MAX_WAIT_SECONDS
                + " s; work a trace hands to them may leave it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pending = null;
  }
}
