package dev.weft;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The settings a running tracer reads on every span: immutable, swapped whole when configuration
 * changes, so the hot path reads one volatile field.
 */
final class TracerState {
  final boolean enabled;
  final boolean includeSensitiveData;
  final double samplerRatio;
  final String implicitTraceName;
  final TracingProcessor processor;
  final Clock clock;

  /**
   * Whether traces not chosen by the sampler still keep their spans until they end, to be exported
   * after all when one of them failed ({@code weft.sampler.keep-errors}).
   */
  final boolean keepErrors;

  /**
   * What the unsampled traces kept for {@link #keepErrors} may hold, shared by the whole tracer.
   */
  final PendingSpans.Budget pendingBudget;

  TracerState(
      boolean enabled,
      boolean includeSensitiveData,
      double samplerRatio,
      String implicitTraceName,
      TracingProcessor processor,
      Clock clock) {
    this(enabled, includeSensitiveData, samplerRatio, implicitTraceName, processor, clock, false);
  }

  TracerState(
      boolean enabled,
      boolean includeSensitiveData,
      double samplerRatio,
      String implicitTraceName,
      TracingProcessor processor,
      Clock clock,
      boolean keepErrors) {
    this(
        enabled,
        includeSensitiveData,
        samplerRatio,
        implicitTraceName,
        processor,
        clock,
        keepErrors,
        new PendingSpans.Budget());
  }

  private TracerState(
      boolean enabled,
      boolean includeSensitiveData,
      double samplerRatio,
      String implicitTraceName,
      TracingProcessor processor,
      Clock clock,
      boolean keepErrors,
      PendingSpans.Budget pendingBudget) {
    this.pendingBudget = pendingBudget;
    this.keepErrors = keepErrors;
    this.enabled = enabled;
    this.includeSensitiveData = includeSensitiveData;
    this.samplerRatio = samplerRatio;
    this.implicitTraceName = implicitTraceName;
    this.processor = processor;
    this.clock = clock;
  }

  TracerState withProcessor(TracingProcessor newProcessor) {
    return new TracerState(
        enabled,
        includeSensitiveData,
        samplerRatio,
        implicitTraceName,
        newProcessor,
        clock,
        keepErrors,
        pendingBudget);
  }

  TracerState withEnabled(boolean newEnabled) {
    return new TracerState(
        newEnabled,
        includeSensitiveData,
        samplerRatio,
        implicitTraceName,
        processor,
        clock,
        keepErrors,
        pendingBudget);
  }

  TracerState withClock(Clock newClock) {
    return new TracerState(
        enabled,
        includeSensitiveData,
        samplerRatio,
        implicitTraceName,
        processor,
        newClock,
        keepErrors,
        pendingBudget);
  }

  /** Decides once per trace whether it is kept. */
  boolean sample() {
    return samplerRatio >= 1.0
        || (samplerRatio > 0.0 && ThreadLocalRandom.current().nextDouble() < samplerRatio);
  }
}
