package com.acme.late;

/**
 * An application whose only span class, {@link Concierge}, is loaded when it is first called: after
 * a pause, as a Spring Boot application's classes load while its context starts, when the first
 * argument is {@code late}; at once otherwise.
 */
public final class LateSpanApp {
  private LateSpanApp() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("late")) {
      Thread.sleep(1_000);
    }
    System.out.println(Concierge.plan("Lisbon"));
  }
}
