package dev.weft.benchmarks;

/**
 * The benchmarked methods without any annotation: the baseline that the traced variants in {@link
 * WeftTargets} and {@link OtelTargets} are measured against. The three classes have identical
 * bodies.
 */
public class PlainTargets {
  /** A method with one argument and a result. */
  public long span(long x) {
    return x * 31 + 7;
  }

  /** A method with two String arguments. */
  public int twoStrings(String user, String query) {
    return user.length() + query.length();
  }

  /** A method that always throws. */
  public long throwing(long x) {
    throw new IllegalStateException("tool failed");
  }
}
