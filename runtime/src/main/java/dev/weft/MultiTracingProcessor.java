package dev.weft;

import dev.weft.internal.WeftLog;
import java.util.List;

/**
 * A processor that hands every call to several processors in order, isolating each: one that throws
 * is logged (rate-limited) and the others still run, and the caller never sees the failure.
 */
public final class MultiTracingProcessor implements TracingProcessor {

  /** A processor that does nothing, used when there are none. */
  public static final TracingProcessor NOOP = new TracingProcessor() {};

  private final TracingProcessor[] processors;

  private MultiTracingProcessor(List<TracingProcessor> processors) {
    this.processors = processors.toArray(new TracingProcessor[0]);
  }

  /**
   * Returns a processor calling each of {@code processors} in order, isolated; {@link #NOOP} when
   * the list is empty.
   */
  public static TracingProcessor of(List<TracingProcessor> processors) {
    return processors.isEmpty() ? NOOP : new MultiTracingProcessor(List.copyOf(processors));
  }

  /** Returns the processors, in calling order. */
  public List<TracingProcessor> processors() {
    return List.of(processors);
  }

  @Override
  public void onTraceStart(TraceRecord trace) {
    for (TracingProcessor p : processors) {
      try {
        p.onTraceStart(trace);
      } catch (Throwable t) {
        failed(p, "onTraceStart", t);
      }
    }
  }

  @Override
  public void onTraceEnd(TraceRecord trace) {
    for (TracingProcessor p : processors) {
      try {
        p.onTraceEnd(trace);
      } catch (Throwable t) {
        failed(p, "onTraceEnd", t);
      }
    }
  }

  @Override
  public void onSpanStart(ReadableSpan span) {
    for (TracingProcessor p : processors) {
      try {
        p.onSpanStart(span);
      } catch (Throwable t) {
        failed(p, "onSpanStart", t);
      }
    }
  }

  @Override
  public void onSpanEnd(SpanRecord span) {
    for (TracingProcessor p : processors) {
      try {
        p.onSpanEnd(span);
      } catch (Throwable t) {
        failed(p, "onSpanEnd", t);
      }
    }
  }

  @Override
  public void forceFlush() {
    for (TracingProcessor p : processors) {
      try {
        p.forceFlush();
      } catch (Throwable t) {
        failed(p, "forceFlush", t);
      }
    }
  }

  @Override
  public void shutdown() {
    for (TracingProcessor p : processors) {
      try {
        p.shutdown();
      } catch (Throwable t) {
        failed(p, "shutdown", t);
      }
    }
  }

  private static void failed(TracingProcessor processor, String method, Throwable failure) {
    String name = processor.getClass().getName();
    WeftLog.warnRateLimited(
        name + '#' + method, "processor " + name + " failed in " + method, failure);
  }
}
