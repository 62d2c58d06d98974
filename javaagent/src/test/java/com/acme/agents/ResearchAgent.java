package com.acme.agents;

/** Implements an annotated abstract method. */
public class ResearchAgent extends BaseAgent {
  @Override
  public String act(String goal) {
    return "researched " + goal;
  }
}
