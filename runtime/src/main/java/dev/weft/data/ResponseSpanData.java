package dev.weft.data;

/**
 * A model response: exported as {@code {"type":"response","response_id","usage"}}.
 *
 * @param responseId the response id, or null
 * @param usage token usage, or null
 */
public record ResponseSpanData(String responseId, Usage usage) implements SpanData {

  @Override
  public String type() {
    return "response";
  }

  @Override
  public String displayName() {
    return responseId == null ? "response" : responseId;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return this;
  }

  /** Returns this data with {@code newUsage} as its token usage. */
  @Override
  public ResponseSpanData withUsage(Usage newUsage) {
    return new ResponseSpanData(responseId, newUsage);
  }
}
