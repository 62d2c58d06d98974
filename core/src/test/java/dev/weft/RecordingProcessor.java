package dev.weft;

import java.util.ArrayList;
import java.util.List;

/** A processor that remembers every event, in order, for tests. */
final class RecordingProcessor implements TracingProcessor {
  final List<String> events = new ArrayList<>();
  final List<TraceRecord> startedTraces = new ArrayList<>();
  final List<TraceRecord> endedTraces = new ArrayList<>();
  final List<Span> endedSpans = new ArrayList<>();

  @Override
  public synchronized void onTraceStart(TraceRecord trace) {
    events.add("trace-start " + trace.workflowName());
    startedTraces.add(trace);
  }

  @Override
  public synchronized void onTraceEnd(TraceRecord trace) {
    events.add("trace-end " + trace.workflowName());
    endedTraces.add(trace);
  }

  @Override
  public synchronized void onSpanStart(Span span) {
    events.add("span-start " + span.data().displayName());
  }

  @Override
  public synchronized void onSpanEnd(Span span) {
    events.add("span-end " + span.data().displayName());
    endedSpans.add(span);
  }
}
