package com.acme.hostile;

import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;

/**
 * An application with large traces: twelve small workflows, then one that calls its tool sixty
 * times, each call capturing some six thousand characters in and as many out.
 */
public final class LargeTracesApp {
  private LargeTracesApp() {}

  public static void main(String[] args) {
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(130);
    int total = 0;
    for (int i = 0; i < 12; i++) {
      total += small(text);
    }
    System.out.println("small " + total);
    System.out.println("large " + large(text));
    System.out.println("done");
  }

  @Workflow(name = "small")
  static int small(String text) {
    return echo(text).length();
  }

  @Workflow(name = "large")
  static int large(String text) {
    int total = 0;
    for (int i = 0; i < 60; i++) {
      total += echo(text).length();
    }
    return total;
  }

  @ToolSpan(name = "echo")
  static String echo(String text) {
    return text;
  }
}
