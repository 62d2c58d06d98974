package dev.weft.analysis;

import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model that the user supplies, for cost estimates; Weft ships no prices of its own.
 *
 * <p>A model is found by its exact name, else by the longest priced name it starts with followed by
 * {@code -}, so {@code gpt-4.1-mini-2025-04-14} uses the price of {@code gpt-4.1-mini}.
 */
public final class PriceTable {
  /** The configuration key read by {@link #fromConfig(WeftConfig)}. */
  public static final String CONFIG_KEY = "weft.prices";

  private static final PriceTable EMPTY = new PriceTable(Map.of());

  private final Map<String, ModelPrice> prices;

  private PriceTable(Map<String, ModelPrice> prices) {
    this.prices = prices;
  }

  /** Returns a table with no prices: every model is unpriced. */
  public static PriceTable empty() {
    return EMPTY;
  }

  /** Returns a table of the given prices by model name. */
  public static PriceTable of(Map<String, ModelPrice> prices) {
    return new PriceTable(Collections.unmodifiableMap(new LinkedHashMap<>(prices)));
  }

  /**
   * Parses {@code model=input/output} entries separated by commas, prices in US dollars per million
   * tokens: {@code gpt-4.1=2.00/8.00,gpt-4.1-mini=0.40/1.60}. Blank text gives an empty table.
   *
   * @throws IllegalArgumentException naming the first entry that is not {@code model=input/output}
   *     with two non-negative numbers
   */
  public static PriceTable parse(String text) {
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.lastIndexOf('=');
      int slash = trimmed.lastIndexOf('/');
      if (eq <= 0 || slash < eq) {
        throw new IllegalArgumentException(
            "price entry '" + trimmed + "' is not model=input/output, e.g. gpt-4.1=2.00/8.00");
      }
      try {
        double input = Double.parseDouble(trimmed.substring(eq + 1, slash).trim());
        double output = Double.parseDouble(trimmed.substring(slash + 1).trim());
        prices.put(trimmed.substring(0, eq).trim(), new ModelPrice(input, output));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "price entry '"
                + trimmed
                + "' needs two non-negative numbers (USD per million input/output tokens)",
            e);
      }
    }
    return of(prices);
  }

  /**
   * Returns the table configured under {@code weft.prices}; a bad value is reported on one stderr
   * line and gives an empty table, so tracing goes on.
   */
  public static PriceTable fromConfig(WeftConfig config) {
    String value = config.get(CONFIG_KEY);
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      WeftLog.warn(
          CONFIG_KEY
              + "="
              + value
              + " is not accepted: "
              + e.getMessage()
              + "; accepted: comma-separated model=input/output in USD per million tokens, e.g."
              + " gpt-4.1=2.00/8.00; using no prices (costs are reported as unpriced)");
      return EMPTY;
    }
  }

  /** Returns the price of a model, or empty when the model is unpriced or null. */
  public Optional<ModelPrice> price(String model) {
    if (model == null) {
      return Optional.empty();
    }
    ModelPrice exact = prices.get(model);
    if (exact != null) {
      return Optional.of(exact);
    }
    String best = null;
    for (String name : prices.keySet()) {
      if (model.startsWith(name + "-") && (best == null || name.length() > best.length())) {
        best = name;
      }
    }
    return best == null ? Optional.empty() : Optional.of(prices.get(best));
  }

  /** Returns the prices by model name, in the order given. */
  public Map<String, ModelPrice> prices() {
    return prices;
  }

  @Override
  public String toString() {
    return "PriceTable" + prices;
  }
}
