package dev.weft.analysis;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.Usage;
import java.util.Collection;

/**
 * What one span took: its duration, and for a model call (generation or response) its tokens and
 * estimated cost. The tokens and cost of the spans above a model call are not added up here: a
 * trace's total counts each model call once.
 *
 * @param durationMicros the span's duration
 * @param inputTokens input tokens of a model call, else 0
 * @param outputTokens output tokens of a model call, else 0
 * @param usd the estimated cost of a model call, 0 for other spans, null when its model has no
 *     price
 */
public record SpanMeasure(long durationMicros, long inputTokens, long outputTokens, Double usd) {

  /** Measures one span. */
  public static SpanMeasure of(SpanRecord span, PriceTable prices) {
    long duration = Math.max(0, span.endedAtMicros() - span.startedAtMicros());
    Usage usage = null;
    String model = null;
    if (span.data() instanceof GenerationSpanData generation) {
      usage = generation.usage();
      model = generation.model();
    } else if (span.data() instanceof ResponseSpanData response) {
      usage = response.usage();
      model = span.metadata().get("model") instanceof String m ? m : null;
    }
    if (usage == null) {
      return new SpanMeasure(duration, 0, 0, 0.0);
    }
    ModelPrice price = model == null ? null : prices.price(model).orElse(null);
    Double usd =
        price == null
            ? null
            : price.cost(
                usage.inputTokens(), TraceAnalysis.cachedTokens(usage), usage.outputTokens());
    return new SpanMeasure(duration, usage.inputTokens(), usage.outputTokens(), usd);
  }

  /** Returns input plus output tokens. */
  public long tokens() {
    return inputTokens + outputTokens;
  }

  /**
   * A whole trace's duration, tokens and cost, as {@code summary} counts them.
   *
   * @param durationMicros the trace's duration
   * @param inputTokens input tokens of all model calls
   * @param outputTokens output tokens of all model calls
   * @param cost the estimated cost of the model calls
   */
  public record Totals(
      long durationMicros, long inputTokens, long outputTokens, CostEstimate cost) {
    /** Returns input plus output tokens. */
    public long tokens() {
      return inputTokens + outputTokens;
    }
  }

  static Totals total(
      TraceRecord trace, Collection<? extends SpanRecord> spans, PriceTable prices) {
    TraceAnalysis analysis =
        TraceAnalysis.of(trace, spans, prices, TraceAnalysis.DEFAULT_SLOW_THRESHOLD);
    return new Totals(
        analysis.durationMicros(),
        analysis.usage().inputTokens(),
        analysis.usage().outputTokens(),
        analysis.cost());
  }
}
