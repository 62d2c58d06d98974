package dev.weft.instrumentation.openai;

import dev.weft.data.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Token usage as the two OpenAI APIs report it, as a span's {@link Usage}. */
final class Usages {
  private Usages() {}

  /**
   * Returns the usage object's counts, with the cached input tokens and the reasoning tokens when
   * reported; null when it has no token counts.
   *
   * @param usage the {@code usage} member of a completion or a response
   * @param input the name of the input token count ({@code prompt_tokens} or {@code input_tokens})
   * @param output the name of the output token count
   * @param inputDetails the name of the input details object
   * @param outputDetails the name of the output details object
   */
  static Usage of(
      Map<String, Object> usage,
      String input,
      String output,
      String inputDetails,
      String outputDetails) {
    Number in = Json.numberAt(usage, input);
    Number out = Json.numberAt(usage, output);
    if (in == null && out == null) {
      return null;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    Number cached = Json.numberAt(usage, inputDetails, "cached_tokens");
    if (cached != null) {
      details.put("cached_tokens", cached.longValue());
    }
    Number reasoning = Json.numberAt(usage, outputDetails, "reasoning_tokens");
    if (reasoning != null) {
      details.put("reasoning_tokens", reasoning.longValue());
    }
    return new Usage(in == null ? 0 : in.longValue(), out == null ? 0 : out.longValue(), details);
  }
}
