package dev.weft.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token usage of a model call: input and output token counts, and any further counts (cached
 * tokens, reasoning tokens, requests) under their own names.
 *
 * @param inputTokens tokens sent to the model
 * @param outputTokens tokens the model produced
 * @param details further counts by name, exported next to the two counts; never null
 */
public record Usage(long inputTokens, long outputTokens, Map<String, Object> details) {

  /** Creates usage, copying {@code details} (null means none). */
  public Usage {
    details = details == null || details.isEmpty() ? Map.of() : copy(details);
  }

  /** Returns usage with only input and output token counts. */
  public static Usage of(long inputTokens, long outputTokens) {
    return new Usage(inputTokens, outputTokens, Map.of());
  }

  /** Returns the sum of input and output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Returns the sum of this usage and another; details are kept from this one. */
  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens, details);
  }

  private static Map<String, Object> copy(Map<String, Object> details) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
