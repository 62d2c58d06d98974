package dev.weft.analysis;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.data.AgentSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What happened in one trace, computed once from its record and finished spans: duration, spans by
 * type, token usage of model calls, tool calls, the handoff chain, errors, slow spans and an
 * estimated cost. Immutable.
 *
 * <pre>{@code
 * TraceAnalysis analysis = TraceAnalysis.of(trace, spans, PriceTable.parse("gpt-4.1=2/8"),
 *     Duration.ofSeconds(2));
 * System.out.print(analysis.toTable());
 * }</pre>
 */
public final class TraceAnalysis {
  /** Spans at least this long count as slow unless another threshold is given. */
  public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofSeconds(5);

  /** The model name under which usage of calls without a known model is counted. */
  public static final String UNKNOWN_MODEL = "(unknown model)";

  /**
   * A handoff between agents.
   *
   * @param from the agent handing off, or null
   * @param to the agent receiving control, or null
   */
  public record Handoff(String from, String to) {}

  /**
   * A span that ended with an error.
   *
   * @param spanType the span type
   * @param name the span's display name
   * @param message the error message
   */
  public record SpanFailure(String spanType, String name, String message) {}

  /**
   * A span that took at least the slow threshold.
   *
   * @param spanType the span type
   * @param name the span's display name
   * @param durationMicros how long it took, in microseconds
   */
  public record SlowSpan(String spanType, String name, long durationMicros) {}

  private final TraceRecord trace;
  private final long durationMicros;
  private final int spanCount;
  private final Map<String, Integer> spansByType;
  private final Usage usage;
  private final Map<String, Usage> usageByModel;
  private final Map<String, Integer> toolCalls;
  private final List<Handoff> handoffs;
  private final List<SpanFailure> errors;
  private final List<SlowSpan> slowSpans;
  private final Duration slowThreshold;
  private final CostEstimate cost;
  private final Map<String, Double> costByAgent;

  private TraceAnalysis(
      TraceRecord trace, List<SpanRecord> spans, PriceTable prices, Duration slow) {
    this.trace = trace;
    this.slowThreshold = slow;
    this.spanCount = spans.size();
    long slowMicros = slow.toNanos() / 1_000;
    Map<String, Integer> byType = new TreeMap<>();
    Map<String, Usage> byModel = new TreeMap<>();
    Map<String, Integer> tools = new LinkedHashMap<>();
    List<Handoff> handoffList = new ArrayList<>();
    List<SpanFailure> failures = new ArrayList<>();
    List<SlowSpan> slowList = new ArrayList<>();
    CostTally tally = new CostTally(prices);
    long lastEnd = trace.startedAtMicros();
    for (SpanRecord span : spans) {
      SpanData data = span.data();
      byType.merge(data.type(), 1, Integer::sum);
      Usage spanUsage = null;
      String model = null;
      if (data instanceof GenerationSpanData generation) {
        spanUsage = generation.usage();
        model = generation.model();
      } else if (data instanceof ResponseSpanData response) {
        spanUsage = response.usage();
        model = span.metadata().get("model") instanceof String m ? m : null;
      } else if (data instanceof FunctionSpanData function) {
        tools.merge(String.valueOf(function.name()), 1, Integer::sum);
      } else if (data instanceof HandoffSpanData handoff) {
        handoffList.add(new Handoff(handoff.fromAgent(), handoff.toAgent()));
      }
      if (spanUsage != null) {
        Usage counts = Usage.of(spanUsage.inputTokens(), spanUsage.outputTokens());
        byModel.merge(model == null ? UNKNOWN_MODEL : model, counts, Usage::plus);
        tally.add(span, model, spanUsage);
      }
      tally.place(span);
      if (span.error() != null) {
        failures.add(new SpanFailure(data.type(), data.displayName(), span.error().message()));
      }
      if (span.isEnded()) {
        long took = span.endedAtMicros() - span.startedAtMicros();
        if (took >= slowMicros) {
          slowList.add(new SlowSpan(data.type(), data.displayName(), took));
        }
        lastEnd = Math.max(lastEnd, span.endedAtMicros());
      }
    }
    slowList.sort(Comparator.comparingLong(SlowSpan::durationMicros).reversed());
    this.durationMicros =
        trace.isEnded() ? trace.durationMicros() : lastEnd - trace.startedAtMicros();
    this.spansByType = Collections.unmodifiableMap(byType);
    this.usageByModel = Collections.unmodifiableMap(byModel);
    this.usage =
        byModel.values().stream()
            .reduce(
                Usage.of(0, 0),
                (a, b) ->
                    Usage.of(
                        a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens()));
    this.toolCalls = Collections.unmodifiableMap(tools);
    this.handoffs = List.copyOf(handoffList);
    this.errors = List.copyOf(failures);
    this.slowSpans = List.copyOf(slowList);
    this.cost = tally.estimate();
    this.costByAgent = tally.byAgent();
  }

  /** Analyses a trace with the built-in prices and the default slow threshold. */
  public static TraceAnalysis of(TraceRecord trace, Collection<? extends SpanRecord> spans) {
    return of(trace, spans, PriceTable.builtIn(), DEFAULT_SLOW_THRESHOLD);
  }

  /**
   * Analyses a trace.
   *
   * @param trace the trace record, ended or not
   * @param spans its spans, in any order
   * @param prices prices for the cost estimate
   * @param slowThreshold spans at least this long are listed as slow
   */
  public static TraceAnalysis of(
      TraceRecord trace,
      Collection<? extends SpanRecord> spans,
      PriceTable prices,
      Duration slowThreshold) {
    List<SpanRecord> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(SpanRecord::startedAtMicros));
    return new TraceAnalysis(trace, sorted, prices, slowThreshold);
  }

  /**
   * Adds up the cost of each model call (cached input at its own price) by model and by the agents
   * above it.
   */
  private static final class CostTally {
    private final PriceTable prices;
    private final Map<String, Double> usdByModel = new LinkedHashMap<>();
    private final Set<String> unpriced = new HashSet<>();
    private final Map<String, String> parentOf = new HashMap<>();
    private final Map<String, String> agentOf = new HashMap<>();
    private final Map<String, Double> spanUsd = new LinkedHashMap<>();
    private final Map<String, Double> byAgent = new LinkedHashMap<>();
    private double total;
    private long unpricedIn;
    private long unpricedOut;

    CostTally(PriceTable prices) {
      this.prices = prices;
    }

    void add(SpanRecord span, String model, Usage usage) {
      ModelPrice price = model == null ? null : prices.price(model).orElse(null);
      if (price == null) {
        unpriced.add(model == null ? UNKNOWN_MODEL : model);
        unpricedIn += usage.inputTokens();
        unpricedOut += usage.outputTokens();
        return;
      }
      double usd = price.cost(usage.inputTokens(), cachedTokens(usage), usage.outputTokens());
      usdByModel.merge(model, usd, Double::sum);
      spanUsd.merge(span.spanId(), usd, Double::sum);
      total += usd;
    }

    void place(SpanRecord span) {
      if (span.parentId() != null) {
        parentOf.put(span.spanId(), span.parentId());
      }
      if (span.data() instanceof AgentSpanData agent) {
        String name = String.valueOf(agent.name());
        agentOf.put(span.spanId(), name);
        byAgent.putIfAbsent(name, 0.0);
      }
    }

    CostEstimate estimate() {
      return new CostEstimate(total, usdByModel, unpriced, unpricedIn, unpricedOut);
    }

    Map<String, Double> byAgent() {
      for (Map.Entry<String, Double> call : spanUsd.entrySet()) {
        Set<String> counted = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (String id = call.getKey(); id != null && seen.add(id); id = parentOf.get(id)) {
          String agent = agentOf.get(id);
          if (agent != null && counted.add(agent)) {
            byAgent.merge(agent, call.getValue(), Double::sum);
          }
        }
      }
      return Collections.unmodifiableMap(byAgent);
    }
  }

  /**
   * The cached input tokens of a model call, under the names instrumentations and providers use:
   * {@code cached_tokens}, {@code cache_read_input_tokens}, or {@code cached_tokens} inside {@code
   * input_tokens_details}.
   */
  static long cachedTokens(Usage usage) {
    long cached = Math.max(count(usage.details().get("cached_tokens")), 0);
    cached = Math.max(cached, count(usage.details().get("cache_read_input_tokens")));
    if (usage.details().get("input_tokens_details") instanceof Map<?, ?> details) {
      cached = Math.max(cached, count(details.get("cached_tokens")));
    }
    return cached;
  }

  private static long count(Object value) {
    return value instanceof Number n ? Math.max(0, n.longValue()) : 0;
  }

  /** Returns the trace record analysed. */
  public TraceRecord trace() {
    return trace;
  }

  /**
   * Returns the trace's duration in microseconds; for a trace still open, up to its last span's
   * end.
   */
  public long durationMicros() {
    return durationMicros;
  }

  /** Returns the number of spans. */
  public int spanCount() {
    return spanCount;
  }

  /** Returns the number of spans per span type, by type name. */
  public Map<String, Integer> spansByType() {
    return spansByType;
  }

  /** Returns input and output tokens summed over generation and response spans. */
  public Usage usage() {
    return usage;
  }

  /** Returns input and output tokens per model, by model name. */
  public Map<String, Usage> usageByModel() {
    return usageByModel;
  }

  /** Returns the number of calls per tool (function span) name, in order of first call. */
  public Map<String, Integer> toolCalls() {
    return toolCalls;
  }

  /** Returns the handoffs in the order they started. */
  public List<Handoff> handoffs() {
    return handoffs;
  }

  /** Returns the spans that ended with an error, in start order. */
  public List<SpanFailure> errors() {
    return errors;
  }

  /** Returns the spans that took at least {@link #slowThreshold()}, slowest first. */
  public List<SlowSpan> slowSpans() {
    return slowSpans;
  }

  /** Returns the threshold from which a span counts as slow. */
  public Duration slowThreshold() {
    return slowThreshold;
  }

  /** Returns the estimated cost of the model calls. */
  public CostEstimate cost() {
    return cost;
  }

  /**
   * Returns the estimated cost in US dollars of the priced model calls under each agent, by agent
   * name, in order of first start: an agent's cost includes that of the agents it runs, and an
   * agent that runs several times counts once with their sum.
   */
  public Map<String, Double> costByAgent() {
    return costByAgent;
  }

  /** Returns the analysis as a small plain-text table, one fact per line. */
  public String toTable() {
    return AnalysisTable.render(this);
  }

  @Override
  public String toString() {
    return "TraceAnalysis[" + trace.traceId() + " " + spanCount + " spans]";
  }
}
