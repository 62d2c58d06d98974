package com.acme.agents;

import dev.weft.annotations.AgentSpan;

/** An abstract agent whose subclasses trace as agents. */
public abstract class BaseAgent {
  @AgentSpan(
      name = "Researcher",
      tools = {"search"})
  public abstract String act(String goal);
}
