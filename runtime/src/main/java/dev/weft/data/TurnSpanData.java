package dev.weft.data;

/**
 * One turn of an agent: exported as {@code {"type":"custom","name":"turn","data":
 * {"sdk_span_type":"turn","turn","agent_name","usage"?}}}.
 *
 * @param turn the turn number within the agent span, from 1
 * @param agentName the agent whose turn it is, or null
 * @param usage token usage of the turn, or null
 */
public record TurnSpanData(int turn, String agentName, Usage usage) implements SpanData {

  @Override
  public String type() {
    return "turn";
  }

  @Override
  public String displayName() {
    return "turn " + turn;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return this;
  }

  /** Returns this data with {@code newUsage} as its token usage. */
  @Override
  public TurnSpanData withUsage(Usage newUsage) {
    return new TurnSpanData(turn, agentName, newUsage);
  }
}
