package dev.weft;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that starts at a fixed instant and advances by a fixed step on every reading. */
public final class ManualClock implements Clock {
  /** 2026-11-21T19:36:01Z in microseconds. */
  public static final long START_MICROS =
      Instant.parse("2026-11-21T19:36:01Z").getEpochSecond() * 1_000_000L;

  private final AtomicLong now = new AtomicLong(START_MICROS);
  private final long stepMicros;

  public ManualClock(long stepMicros) {
    this.stepMicros = stepMicros;
  }

  @Override
  public long nowMicros() {
    return now.getAndAdd(stepMicros);
  }

  /** Moves the clock forward without reading it. */
  public void advance(long micros) {
    now.addAndGet(micros);
  }
}
