package dev.weft;

import dev.weft.config.WeftConfig;

/** Puts the global tracer into a known state before a test. */
public final class TestTracing {
  private TestTracing() {}

  /**
   * Configures tracing from the test JVM's system properties (no exporters), enables it, clears
   * this thread's context and installs a fresh recording processor with the given clock.
   */
  public static RecordingProcessor reset(Clock clock) {
    Tracing.configure(WeftConfig.load(null));
    Tracing.setClock(clock);
    Tracing.enable();
    ContextStorage.set(null);
    RecordingProcessor recorder = new RecordingProcessor();
    Tracing.setProcessors(recorder);
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
