package dev.weft.data;

import java.util.List;

/**
 * An agent run: exported as {@code {"type":"agent","name","handoffs","tools","output_type"}}.
 *
 * @param name the agent name
 * @param handoffs the agents it may hand off to; never null
 * @param tools the names of its tools; never null
 * @param outputType the name of its output type, or null
 */
public record AgentSpanData(
    String name, List<String> handoffs, List<String> tools, String outputType) implements SpanData {

  /** Creates agent data, copying the lists. */
  public AgentSpanData {
    handoffs = Copies.listOrEmpty(handoffs);
    tools = Copies.listOrEmpty(tools);
  }

  /** Returns agent data with a name only. */
  public static AgentSpanData named(String name) {
    return new AgentSpanData(name, List.of(), List.of(), null);
  }

  @Override
  public String type() {
    return "agent";
  }

  @Override
  public String displayName() {
    return name;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return this;
  }
}
