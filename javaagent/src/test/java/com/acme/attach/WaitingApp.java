package com.acme.attach;

import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Runs untraced until a line arrives on stdin (the test attaches the agent meanwhile), then runs
 * the same annotated methods again.
 */
public final class WaitingApp {
  private WaitingApp() {}

  @Workflow(name = "attached")
  public static String work(String phase) {
    return lookup(phase);
  }

  @ToolSpan(name = "lookup")
  public static String lookup(String phase) {
    return "looked up " + phase;
  }

  public static void main(String[] args) throws Exception {
    System.out.println(work("before"));
    System.out.println("ready " + ProcessHandle.current().pid());
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    in.readLine();
    System.out.println(work("after"));
  }
}
