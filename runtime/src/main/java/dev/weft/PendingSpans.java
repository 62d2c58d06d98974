package dev.weft;

import dev.weft.internal.WeftLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ended spans of a trace the sampler left out, held until the trace ends so that a trace in
 * which a span failed is exported after all ({@code weft.sampler.keep-errors}).
 *
 * <p>Only the decision is deferred, not the work: spans of such traces are recorded as usual and
 * held in memory until their trace ends. Memory stays bounded: a trace holds at most {@link
 * #MAX_SPANS_PER_TRACE} spans and all traces together at most {@link #MAX_HELD_SPANS}; spans past
 * either bound are dropped (and counted), so a kept trace may then miss some of its spans. A span
 * that ends after its trace was discarded is dropped; after its trace was kept it is passed on.
 */
final class PendingSpans {
  /** The most spans one trace holds. */
  static final int MAX_SPANS_PER_TRACE = 1024;

  /** The most spans all unsampled traces hold together. */
  static final int MAX_HELD_SPANS = 8192;

  /** What all unsampled traces of one tracer hold together, and how many spans they dropped. */
  static final class Budget {
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    /** Returns how many spans the unsampled traces of the tracer hold now. */
    int heldCount() {
      return held.get();
    }
  }

  private final AtomicInteger held;
  private final AtomicInteger dropped;

  private enum State {
    OPEN,
    KEPT,
    DISCARDED
  }

  private List<SpanRecord> spans = new ArrayList<>();
  private boolean failed;
  private State state = State.OPEN;

  PendingSpans(Budget budget) {
    this.held = budget.held;
    this.dropped = budget.dropped;
  }

  /** Holds an ended span, or passes it on when its trace was already kept. */
  void spanEnded(SpanRecord span, TracingProcessor processor) {
    synchronized (this) {
      failed |= span.error() != null;
      if (state == State.DISCARDED) {
        return;
      }
      if (state == State.OPEN) {
        hold(span);
        return;
      }
    }
    processor.onSpanStart(span);
    processor.onSpanEnd(span);
  }

  /**
   * Ends the wait: when a held span failed, reports the trace's start, its spans (started in start
   * order, ended in end order) and its end; otherwise forgets them.
   */
  void traceEnded(TraceRecord started, TraceRecord ended, TracingProcessor processor) {
    List<SpanRecord> kept;
    synchronized (this) {
      kept = spans;
      spans = null;
      held.addAndGet(-kept.size());
      state = failed ? State.KEPT : State.DISCARDED;
      if (!failed) {
        return;
      }
    }
    processor.onTraceStart(started);
    List<SpanRecord> byStart = new ArrayList<>(kept);
    byStart.sort(Comparator.comparingLong(SpanRecord::startedAtMicros));
    for (SpanRecord span : byStart) {
      processor.onSpanStart(span);
    }
    for (SpanRecord span : kept) {
      processor.onSpanEnd(span);
    }
    processor.onTraceEnd(ended);
  }

  private void hold(SpanRecord span) {
    if (spans.size() >= MAX_SPANS_PER_TRACE || held.incrementAndGet() > MAX_HELD_SPANS) {
      if (spans.size() < MAX_SPANS_PER_TRACE) {
        held.decrementAndGet();
      }
      if (dropped.getAndIncrement() == 0) {
        WeftLog.warn(
            "spans of unsampled traces kept for weft.sampler.keep-errors passed the bound of "
                + MAX_SPANS_PER_TRACE
                + " per trace / "
                + MAX_HELD_SPANS
                + " in all; further ones are dropped");
      }
      return;
    }
    spans.add(span);
  }
}
