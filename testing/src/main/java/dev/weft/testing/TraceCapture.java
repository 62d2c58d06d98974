package dev.weft.testing;

import dev.weft.ReadableSpan;
import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.Tracer;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one processor that hands each finished trace to the test that produced it. A trace belongs to
 * the test whose thread started it; when exactly one test is capturing, a trace started on any
 * other thread belongs to it too (work a test started on a pool of its own). The processor stays
 * installed on the tracer in use, and is added again to a tracer installed later.
 */
final class TraceCapture implements TracingProcessor {
  private static final TraceCapture INSTANCE = new TraceCapture();

  private final ThreadLocal<Collector> byThread = new ThreadLocal<>();
  private final Set<Collector> active = ConcurrentHashMap.newKeySet();
  private final Map<String, Collector> byTrace = new ConcurrentHashMap<>();

  private TraceCapture() {}

  /** Starts capturing for a test on the calling thread. */
  static Collector start() {
    INSTANCE.installOn(Tracing.tracer());
    Collector collector = new Collector();
    INSTANCE.byThread.set(collector);
    INSTANCE.active.add(collector);
    return collector;
  }

  /** Stops capturing for the test whose collector this is. */
  static void stop(Collector collector) {
    INSTANCE.active.remove(collector);
    if (INSTANCE.byThread.get() == collector) {
      INSTANCE.byThread.remove();
    }
    INSTANCE.byTrace.values().removeIf(c -> c == collector);
  }

  private void installOn(Tracer tracer) {
    synchronized (this) {
      if (!tracer.processors().contains(this)) {
        tracer.addProcessor(this);
      }
    }
  }

  @Override
  public void onTraceStart(TraceRecord trace) {
    Collector collector = byThread.get();
    if (collector == null && active.size() == 1) {
      collector = active.iterator().next();
    }
    if (collector != null) {
      byTrace.put(trace.traceId(), collector);
      collector.traceStarted(trace);
    }
  }

  @Override
  public void onSpanStart(ReadableSpan span) {
    Collector collector = byTrace.get(span.traceId());
    if (collector != null) {
      collector.spanStarted();
    }
  }

  @Override
  public void onSpanEnd(SpanRecord span) {
    Collector collector = byTrace.get(span.traceId());
    if (collector != null) {
      collector.spanEnded(span);
    }
  }

  @Override
  public void onTraceEnd(TraceRecord trace) {
    Collector collector = byTrace.get(trace.traceId());
    if (collector != null) {
      collector.traceEnded(trace);
    }
  }
}
