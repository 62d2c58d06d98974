package com.acme.hostile;

import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;

/**
 * An application whose traced tool takes an argument with a {@code toString()} that sleeps ten
 * seconds; it times each call itself and prints how long it took.
 */
public final class SlowToStringApp {
  private SlowToStringApp() {}

  /** A key that takes ten seconds to describe itself. */
  public static final class SlowKey {
    private final String id;

    SlowKey(String id) {
      this.id = id;
    }

    @Override
    public String toString() {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "SlowKey " + id;
    }
  }

  public static void main(String[] args) {
    System.out.println(lookUpBoth());
  }

  @Workflow(name = "slow-tostring")
  static String lookUpBoth() {
    return timed(new SlowKey("a")) + ", " + timed(new SlowKey("b"));
  }

  private static String timed(SlowKey key) {
    long start = System.nanoTime();
    String found = lookup(key);
    System.out.println("lookup took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    return found;
  }

  @ToolSpan(name = "lookup")
  static String lookup(SlowKey key) {
    return "found " + key.id;
  }
}
