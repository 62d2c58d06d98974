package dev.weft.analysis;

/**
 * What one model costs, in US dollars per million tokens.
 *
 * @param inputPerMillion price of a million input tokens
 * @param outputPerMillion price of a million output tokens
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion) {

  /** Creates a price; both must be finite and not negative. */
  public ModelPrice {
    if (!(inputPerMillion >= 0)
        || !(outputPerMillion >= 0)
        || Double.isInfinite(inputPerMillion)
        || Double.isInfinite(outputPerMillion)) {
      throw new IllegalArgumentException(
          "prices must be finite and not negative: " + inputPerMillion + "/" + outputPerMillion);
    }
  }

  /** Returns the cost in US dollars of the given token counts. */
  public double cost(long inputTokens, long outputTokens) {
    return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
  }
}
