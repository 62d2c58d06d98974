package dev.weft;

/**
 * The source of span times, in microseconds since the epoch, injected so that tests control time.
 */
@FunctionalInterface
public interface Clock {

  /** Returns the current time in microseconds since 1970-01-01T00:00:00Z. */
  long nowMicros();

  /**
   * Returns the system clock: wall time read once, then advanced by {@link System#nanoTime()}, so
   * reading it allocates nothing and never goes backwards.
   */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}

/** Wall time anchored once and advanced monotonically. */
final class SystemClock implements Clock {
  static final SystemClock INSTANCE = new SystemClock();

  private final long baseMicros;
  private final long baseNanos;

  private SystemClock() {
    java.time.Instant now = java.time.Instant.now();
    baseNanos = System.nanoTime();
    baseMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
  }

  @Override
  public long nowMicros() {
    return baseMicros + (System.nanoTime() - baseNanos) / 1_000L;
  }
}
