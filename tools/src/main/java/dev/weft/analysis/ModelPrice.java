package dev.weft.analysis;

/**
 * What one model costs, in US dollars per million tokens.
 *
 * @param inputPerMillion price of a million input tokens not read from a cache
 * @param cachedInputPerMillion price of a million input tokens read from the provider's prompt
 *     cache
 * @param outputPerMillion price of a million output tokens
 */
public record ModelPrice(
    double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

  /** Creates a price; each must be finite and not negative. */
  public ModelPrice {
    if (!valid(inputPerMillion) || !valid(cachedInputPerMillion) || !valid(outputPerMillion)) {
      throw new IllegalArgumentException(
          "prices must be finite and not negative: "
              + inputPerMillion
              + "/"
              + cachedInputPerMillion
              + "/"
              + outputPerMillion);
    }
  }

  /** Creates a price whose cached input costs as much as any other input. */
  public ModelPrice(double inputPerMillion, double outputPerMillion) {
    this(inputPerMillion, inputPerMillion, outputPerMillion);
  }

  /** Returns the cost in US dollars of the given token counts, none of the input cached. */
  public double cost(long inputTokens, long outputTokens) {
    return cost(inputTokens, 0, outputTokens);
  }

  /**
   * Returns the cost in US dollars of one model call: the input tokens not cached at the input
   * price, the cached ones at the cached price, the output tokens at the output price. Negative
   * counts count as zero, and cached tokens as at most the input tokens.
   */
  public double cost(long inputTokens, long cachedInputTokens, long outputTokens) {
    long in = Math.max(0, inputTokens);
    long cached = Math.min(in, Math.max(0, cachedInputTokens));
    return ((in - cached) * inputPerMillion
            + cached * cachedInputPerMillion
            + Math.max(0, outputTokens) * outputPerMillion)
        / 1_000_000.0;
  }

  private static boolean valid(double value) {
    return value >= 0 && !Double.isInfinite(value);
  }
}
