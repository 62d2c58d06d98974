package dev.weft.weaver;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.TracingProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every ended span and trace, for assertions. */
final class RecordingProcessor implements TracingProcessor {
  final List<TraceRecord> startedTraces = new CopyOnWriteArrayList<>();
  final List<TraceRecord> endedTraces = new CopyOnWriteArrayList<>();
  final List<SpanRecord> ended = new CopyOnWriteArrayList<>();

  @Override
  public void onTraceStart(TraceRecord trace) {
    startedTraces.add(trace);
  }

  @Override
  public void onTraceEnd(TraceRecord trace) {
    endedTraces.add(trace);
  }

  @Override
  public void onSpanEnd(SpanRecord span) {
    ended.add(span);
  }

  SpanRecord only() {
    if (ended.size() != 1) {
      throw new AssertionError("expected one ended span, got " + ended);
    }
    return ended.get(0);
  }
}
