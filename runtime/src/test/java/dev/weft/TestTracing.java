package dev.weft;

import dev.weft.config.WeftConfig;

/** Installs a fresh tracer of a test's own before each test, instead of resetting globals. */
public final class TestTracing {
  private TestTracing() {}

  /**
   * Installs a new tracer configured from the test JVM's system properties, with the given clock
   * and a fresh recording processor as its only processor, and clears this thread's context.
   */
  public static RecordingProcessor reset(Clock clock) {
    ContextStorage.set(null);
    RecordingProcessor recorder = new RecordingProcessor();
    Tracing.install(
        Tracer.builder().config(WeftConfig.load(null)).processors(recorder).clock(clock).build());
    return recorder;
  }

  /** Same as {@link #reset(Clock)} with a clock advancing 1 ms per reading. */
  public static RecordingProcessor reset() {
    return reset(new ManualClock(1_000));
  }

  /** Clears this thread's current trace and span. */
  public static void clearContext() {
    ContextStorage.set(null);
  }
}
