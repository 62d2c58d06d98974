package com.acme.plain;

/** An unannotated agent, traced through {@code weft.methods} only. */
public class PlainPlanner {
  private final PlainTools tools = new PlainTools();
  private final Step step = new CheckStep();

  public String plan(String goal) {
    String found = tools.search(goal);
    tools.getName();
    step.perform(goal);
    return new Fetcher().fetch(found);
  }
}
