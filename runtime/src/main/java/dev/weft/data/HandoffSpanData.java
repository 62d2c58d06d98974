package dev.weft.data;

/**
 * A handoff between agents: exported as {@code {"type":"handoff","from_agent","to_agent"}}.
 *
 * @param fromAgent the agent handing off, or null
 * @param toAgent the agent receiving control, or null
 */
public record HandoffSpanData(String fromAgent, String toAgent) implements SpanData {

  @Override
  public String type() {
    return "handoff";
  }

  @Override
  public String displayName() {
    return (fromAgent == null ? "?" : fromAgent) + " -> " + (toAgent == null ? "?" : toAgent);
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return this;
  }
}
