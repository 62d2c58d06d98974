package dev.weft.analysis;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.TracingProcessor;
import dev.weft.internal.WeftLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A processor that collects the spans of each trace and, when the trace ends, hands a {@link
 * TraceAnalysis} to a callback: for alerts on cost, errors or slow tools, or a line per run in the
 * application's own log.
 *
 * <pre>{@code
 * Tracing.addProcessor(TraceAnalyzer.builder(a -> log.info(a.toTable()))
 *     .prices(PriceTable.parse("gpt-4.1=2.00/8.00"))
 *     .build());
 * }</pre>
 *
 * <p>Memory is bounded: at most {@link Builder#maxOpenTraces(int)} traces are followed at once and
 * at most {@link Builder#maxSpansPerTrace(int)} spans are kept per trace; what does not fit is
 * counted in {@link #droppedCount()}. Spans that end after their trace are not analysed. The
 * callback runs on the thread that ends the trace, so it should be quick; if it throws, the failure
 * is logged and tracing goes on.
 */
public final class TraceAnalyzer implements TracingProcessor {
  /** The default largest number of traces followed at once. */
  public static final int DEFAULT_MAX_OPEN_TRACES = 1024;

  /** The default largest number of spans kept per trace. */
  public static final int DEFAULT_MAX_SPANS_PER_TRACE = 10_000;

  private final Consumer<TraceAnalysis> callback;
  private final PriceTable prices;
  private final Duration slowThreshold;
  private final int maxOpenTraces;
  private final int maxSpansPerTrace;
  private final ConcurrentHashMap<String, List<SpanRecord>> open = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();

  private TraceAnalyzer(Builder builder) {
    this.callback = builder.callback;
    this.prices = builder.prices;
    this.slowThreshold = builder.slowThreshold;
    this.maxOpenTraces = builder.maxOpenTraces;
    this.maxSpansPerTrace = builder.maxSpansPerTrace;
  }

  /** Returns a builder of an analyzer that hands each finished trace's analysis to callback. */
  public static Builder builder(Consumer<TraceAnalysis> callback) {
    return new Builder(callback);
  }

  /** Returns how many spans and traces were not analysed because a limit was reached. */
  public long droppedCount() {
    return dropped.sum();
  }

  @Override
  public void onTraceStart(TraceRecord trace) {
    if (open.size() >= maxOpenTraces) {
      dropped.increment();
      return;
    }
    open.putIfAbsent(trace.traceId(), new ArrayList<>());
  }

  @Override
  public void onSpanEnd(SpanRecord span) {
    List<SpanRecord> spans = open.get(span.traceId());
    if (spans == null) {
      return;
    }
    synchronized (spans) {
      if (spans.size() < maxSpansPerTrace) {
        spans.add(span);
        return;
      }
    }
    dropped.increment();
  }

  @Override
  public void onTraceEnd(TraceRecord trace) {
    List<SpanRecord> spans = open.remove(trace.traceId());
    if (spans == null) {
      return;
    }
    List<SpanRecord> copy;
    synchronized (spans) {
      copy = List.copyOf(spans);
    }
    TraceAnalysis analysis = TraceAnalysis.of(trace, copy, prices, slowThreshold);
    try {
      callback.accept(analysis);
    } catch (RuntimeException e) {
      WeftLog.warnRateLimited("trace-analyzer-callback", "the trace analysis callback failed", e);
    }
  }

  @Override
  public void shutdown() {
    open.clear();
  }

  /** Builds a {@link TraceAnalyzer}; each setter checks its value at once. */
  public static final class Builder {
    private final Consumer<TraceAnalysis> callback;
    private PriceTable prices = PriceTable.builtIn();
    private Duration slowThreshold = TraceAnalysis.DEFAULT_SLOW_THRESHOLD;
    private int maxOpenTraces = DEFAULT_MAX_OPEN_TRACES;
    private int maxSpansPerTrace = DEFAULT_MAX_SPANS_PER_TRACE;

    private Builder(Consumer<TraceAnalysis> callback) {
      if (callback == null) {
        throw new IllegalArgumentException("callback must not be null");
      }
      this.callback = callback;
    }

    /** Sets the prices of the cost estimate; {@link PriceTable#builtIn()} by default. */
    public Builder prices(PriceTable value) {
      if (value == null) {
        throw new IllegalArgumentException("prices must not be null");
      }
      this.prices = value;
      return this;
    }

    /** Sets the duration from which a span counts as slow; not negative. */
    public Builder slowThreshold(Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException("slowThreshold must not be negative: " + value);
      }
      this.slowThreshold = value;
      return this;
    }

    /** Sets the largest number of traces followed at once; at least 1. */
    public Builder maxOpenTraces(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxOpenTraces must be at least 1: " + value);
      }
      this.maxOpenTraces = value;
      return this;
    }

    /** Sets the largest number of spans kept per trace; at least 1. */
    public Builder maxSpansPerTrace(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxSpansPerTrace must be at least 1: " + value);
      }
      this.maxSpansPerTrace = value;
      return this;
    }

    /** Builds the analyzer. */
    public TraceAnalyzer build() {
      return new TraceAnalyzer(this);
    }
  }
}
