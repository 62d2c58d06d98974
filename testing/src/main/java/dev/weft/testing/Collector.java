package dev.weft.testing;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one test captured: its traces as they start and end, and their spans. */
final class Collector {
  private final Map<String, TraceRecord> traces = new LinkedHashMap<>();
  private final Map<String, List<SpanRecord>> spans = new LinkedHashMap<>();
  private int openSpans;

  synchronized void traceStarted(TraceRecord trace) {
    traces.putIfAbsent(trace.traceId(), trace);
    spans.putIfAbsent(trace.traceId(), new ArrayList<>());
  }

  synchronized void spanStarted() {
    openSpans++;
  }

  synchronized void spanEnded(SpanRecord span) {
    openSpans--;
    spans.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    notifyAll();
  }

  synchronized void traceEnded(TraceRecord trace) {
    traces.put(trace.traceId(), trace);
    notifyAll();
  }

  /** Returns the traces that have ended, with every span ended so far, in start order. */
  synchronized List<CapturedTrace> ended() {
    List<CapturedTrace> ended = new ArrayList<>();
    for (TraceRecord trace : traces.values()) {
      if (trace.isEnded()) {
        ended.add(new CapturedTrace(trace, spans.getOrDefault(trace.traceId(), List.of())));
      }
    }
    return ended;
  }

  /** Returns every trace seen, ended or not. */
  synchronized List<CapturedTrace> all() {
    List<CapturedTrace> all = new ArrayList<>();
    for (TraceRecord trace : traces.values()) {
      all.add(new CapturedTrace(trace, spans.getOrDefault(trace.traceId(), List.of())));
    }
    return all;
  }

  /**
   * Waits until at least {@code count} traces have ended and no span of the test is open, or the
   * timeout passes; returns the ended traces either way.
   */
  synchronized List<CapturedTrace> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ended().size() < count || openSpans > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return ended();
  }
}
