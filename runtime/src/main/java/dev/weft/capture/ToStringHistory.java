package dev.weft.capture;

/**
 * What one renderer has seen of the {@code toString()} of one application class, and so where the
 * next value of it is rendered. Thread-safe.
 *
 * <ul>
 *   <li>At first on a {@link ToStringThreads} thread, waited for at most the bound.
 *   <li>After {@value #TRUSTED_AFTER} calls in a row that returned there within the fast limit, on
 *       the calling thread: the hand-over costs tens of microseconds, a fast {@code toString()}
 *       well under one. Each call is timed; the first slower than the fast limit sends the class
 *       back to the renderer's threads, and one slower than the bound marks it slow.
 *   <li>Once a call outlasted the bound, slow: a placeholder at once, no call. After the retry
 *       interval, when the slow call has returned, one value is tried again on the renderer's
 *       threads, so a class slow only while the application warmed up is rendered again.
 * </ul>
 *
 * A call that threw proves nothing: it neither counts as fast nor as slow.
 */
final class ToStringHistory implements ToStringThreads.Call.Listener {
  /** Calls in a row, each within the fast limit, after which a class is called inline. */
  static final int TRUSTED_AFTER = 64;

  /** Where the next value is rendered. */
  enum Route {
    /** On the calling thread, timed. */
    INLINE,
    /** On a renderer thread, waited for at most the bound. */
    BOUNDED,
    /** Not at all: a placeholder. */
    PLACEHOLDER
  }

  private volatile boolean trusted;
  private volatile boolean slow;
  private int fastInARow;
  private long retryAt;
  private int overdueCalls;

  /** Returns where the value met at {@code now} is rendered; claims the retry when one is due. */
  Route route(long now, long retryAfterNanos) {
    if (trusted) {
      return Route.INLINE;
    }
    if (!slow) {
      return Route.BOUNDED;
    }
    synchronized (this) {
      if (!slow) {
        return Route.BOUNDED;
      }
      if (overdueCalls > 0 || now - retryAt < 0) {
        return Route.PLACEHOLDER;
      }
      retryAt = now + retryAfterNanos;
      return Route.BOUNDED;
    }
  }

  /** Returns whether the class is called on the calling thread. */
  boolean trusted() {
    return trusted;
  }

  /** Returns whether the class gets a placeholder rather than a call. */
  boolean slow() {
    return slow;
  }

  /** A call on a renderer thread returned within the bound, after {@code nanos}. */
  synchronized void returned(long nanos, boolean threw, long fastNanos) {
    slow = false;
    if (threw) {
      return;
    }
    if (nanos > fastNanos) {
      fastInARow = 0;
    } else if (++fastInARow >= TRUSTED_AFTER) {
      trusted = true;
    }
  }

  /** A call on the calling thread took {@code nanos}; demotes the class when that was slow. */
  void ranInline(long nanos, long fastNanos, long timeoutNanos, long now, long retryAfterNanos) {
    if (nanos <= fastNanos) {
      return;
    }
    synchronized (this) {
      trusted = false;
      fastInARow = 0;
      if (nanos > timeoutNanos) {
        markSlow(now, retryAfterNanos);
      }
    }
  }

  /** A call on a renderer thread outlasted the bound and still runs. */
  synchronized void timedOut(long now, long retryAfterNanos) {
    overdueCalls++;
    fastInARow = 0;
    markSlow(now, retryAfterNanos);
  }

  @Override
  public synchronized void returnedLate() {
    overdueCalls--;
  }

  private void markSlow(long now, long retryAfterNanos) {
    slow = true;
    retryAt = now + retryAfterNanos;
  }
}
