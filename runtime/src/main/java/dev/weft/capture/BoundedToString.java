package dev.weft.capture;

import java.time.Duration;

/**
 * Calls the application's {@code toString()} for a renderer without letting a slow one hold the
 * calling thread for longer than a bound: the call is made on one of the renderer's own threads
 * ({@link ToStringThreads}) and waited for at most the bound, after which the value is recorded as
 * {@code <toString() of com.acme.Slow took longer than 100 ms>}. What each class did is remembered
 * ({@link ToStringHistory}): a class that proved fast is called on the calling thread, and one that
 * proved slow gets {@code <toString() of com.acme.Slow not called: took longer than 100 ms before>}
 * at once.
 *
 * <p>A bound of zero calls every {@code toString()} on the calling thread, as the JDK's own are.
 */
final class BoundedToString {
  /** The default bound, as {@code weft.capture.tostring-timeout-ms}. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);

  /** The longest call that counts as fast: what an application thread may spend on one. */
  static final long FAST_NANOS = 1_000_000L;

  /** How long a class that proved slow gets its placeholder before one value is tried again. */
  static final long RETRY_AFTER_NANOS = 60_000_000_000L;

  /** The source of {@code System.nanoTime()}, injected so that tests control it. */
  interface Ticker {
    /** Returns the current value of a monotonic nanosecond counter. */
    long nanoTime();
  }

  static final Ticker SYSTEM_TICKER =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }
      };

  private final long timeoutNanos;
  private final long fastNanos;
  private final String bound;
  private final ToStringThreads threads;
  private final Ticker ticker;
  private final ClassValue<ToStringHistory> histories =
      new ClassValue<>() {
        @Override
        protected ToStringHistory computeValue(Class<?> type) {
          return new ToStringHistory();
        }
      };

  /**
   * Creates a bounded caller.
   *
   * @param threads the threads to call on, or null for the JVM's shared ones
   */
  BoundedToString(Duration timeout, ToStringThreads threads, Ticker ticker) {
    this.timeoutNanos = timeout.toNanos();
    this.fastNanos = Math.min(FAST_NANOS, timeoutNanos);
    this.bound = timeout.toMillis() + " ms";
    this.threads = threads;
    this.ticker = ticker;
  }

  /** Returns a bounded caller of the JVM's shared threads, which start when first needed. */
  static BoundedToString create(Duration timeout) {
    return new BoundedToString(timeout, null, SYSTEM_TICKER);
  }

  /** Returns the bound, zero for none. */
  Duration timeout() {
    return Duration.ofNanos(timeoutNanos);
  }

  /** Returns what this renderer has seen of the class's {@code toString()}; for tests. */
  ToStringHistory historyOf(Class<?> type) {
    return histories.get(type);
  }

  /**
   * Returns {@code value.toString()}, or a placeholder naming what it threw or that it took too
   * long; never throws.
   */
  String call(Object value) {
    if (timeoutNanos == 0 || ToStringThreads.onToStringThread()) {
      return ValueRenderer.safeToString(value);
    }
    ToStringHistory history = histories.get(value.getClass());
    if (history.trusted()) {
      return inline(value, history);
    }
    long now = ticker.nanoTime();
    switch (history.route(now, RETRY_AFTER_NANOS)) {
      case INLINE:
        return inline(value, history);
      case PLACEHOLDER:
        return "<toString() of "
            + value.getClass().getName()
            + " not called: took longer than "
            + bound
            + " before>";
      default:
        return bounded(value, history);
    }
  }

  private String inline(Object value, ToStringHistory history) {
    long start = ticker.nanoTime();
    String text = ValueRenderer.safeToString(value);
    long end = ticker.nanoTime();
    history.ranInline(end - start, fastNanos, timeoutNanos, end, RETRY_AFTER_NANOS);
    return text;
  }

  private String bounded(Object value, ToStringHistory history) {
    ToStringThreads pool = threads != null ? threads : ToStringThreads.shared();
    ToStringThreads.Call call = pool.submit(value, history, ticker);
    if (call == null) {
      return busy(value);
    }
    if (!call.await(timeoutNanos)) {
      if (call.giveUp()) {
        history.timedOut(ticker.nanoTime(), RETRY_AFTER_NANOS);
        return "<toString() of " + value.getClass().getName() + " took longer than " + bound + ">";
      }
      if (!call.done()) {
        return busy(value);
      }
    }
    history.returned(call.nanos(), call.threw(), fastNanos);
    return call.text();
  }

  private static String busy(Object value) {
    return "<toString() of "
        + value.getClass().getName()
        + " not called: the renderer's threads are busy>";
  }
}
