package dev.weft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A processor that keeps every event it receives, for assertions. */
public final class RecordingProcessor implements TracingProcessor {
  /** Every event as text ("trace-start name", "span-end name", …), in order. */
  public final List<String> events = Collections.synchronizedList(new ArrayList<>());

  public final List<TraceRecord> traceStarts = Collections.synchronizedList(new ArrayList<>());
  public final List<TraceRecord> traceEnds = Collections.synchronizedList(new ArrayList<>());
  public final List<ReadableSpan> spanStarts = Collections.synchronizedList(new ArrayList<>());
  public final List<SpanRecord> spanEnds = Collections.synchronizedList(new ArrayList<>());
  public volatile int flushes;
  public volatile int shutdowns;

  @Override
  public void onTraceStart(TraceRecord trace) {
    events.add("trace-start " + trace.workflowName());
    traceStarts.add(trace);
  }

  @Override
  public void onTraceEnd(TraceRecord trace) {
    events.add("trace-end " + trace.workflowName());
    traceEnds.add(trace);
  }

  @Override
  public void onSpanStart(ReadableSpan span) {
    events.add("span-start " + span.data().displayName());
    spanStarts.add(span);
  }

  @Override
  public void onSpanEnd(SpanRecord span) {
    events.add("span-end " + span.data().displayName());
    spanEnds.add(span);
  }

  @Override
  public void forceFlush() {
    flushes++;
  }

  @Override
  public void shutdown() {
    shutdowns++;
  }

  /** Returns the ended span whose data has the given display name. */
  public SpanRecord ended(String displayName) {
    synchronized (spanEnds) {
      return spanEnds.stream()
          .filter(s -> displayName.equals(s.data().displayName()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no ended span " + displayName));
    }
  }
}
