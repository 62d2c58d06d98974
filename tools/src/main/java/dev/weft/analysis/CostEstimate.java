package dev.weft.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The estimated cost of a trace's model calls from a {@link PriceTable}: what could be priced, and
 * what could not.
 *
 * @param usd the estimated cost in US dollars of the priced models
 * @param usdByModel the cost per priced model
 * @param unpricedModels models with usage but no price (calls without a known model count as {@link
 *     TraceAnalysis#UNKNOWN_MODEL})
 * @param unpricedInputTokens input tokens of unpriced models
 * @param unpricedOutputTokens output tokens of unpriced models
 */
public record CostEstimate(
    double usd,
    Map<String, Double> usdByModel,
    Set<String> unpricedModels,
    long unpricedInputTokens,
    long unpricedOutputTokens) {

  /** Creates an estimate, copying the collections. */
  public CostEstimate {
    usdByModel = Collections.unmodifiableMap(new LinkedHashMap<>(usdByModel));
    unpricedModels = Collections.unmodifiableSet(new TreeSet<>(unpricedModels));
  }

  /**
   * Returns the estimate in a few words: {@code $0.0123}, {@code $0.0123 + unpriced m}, or {@code
   * unpriced m} when no model used was priced; four decimals, or six for a cost below $0.00005.
   */
  public String shortText() {
    String unpriced = "unpriced " + AnalysisTable.unpricedNames(this);
    if (isComplete()) {
      return AnalysisTable.usd(usd);
    }
    return usdByModel.isEmpty() ? unpriced : AnalysisTable.usd(usd) + " + " + unpriced;
  }

  /** Returns whether every model call with usage was priced. */
  public boolean isComplete() {
    return unpricedModels.isEmpty();
  }
}
