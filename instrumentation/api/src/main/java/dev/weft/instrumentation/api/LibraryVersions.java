package dev.weft.instrumentation.api;

import java.util.Objects;

/**
 * The versions of a library an instrumentation supports, and how the agent finds the version a
 * class loader sees: the library is there when the marker class is, and its version is read from
 * the Maven {@code pom.properties} the library's jar carries. When a jar carries none (a repackaged
 * library), the marker class alone decides.
 *
 * @param markerClass the binary name of a class every supported version has
 * @param pomProperties the resource path of the jar's {@code pom.properties}
 * @param lowest the lowest supported version, inclusive
 * @param below the first unsupported version above, exclusive
 */
public record LibraryVersions(
    String markerClass, String pomProperties, String lowest, String below) {

  /** Creates the versions. */
  public LibraryVersions {
    Objects.requireNonNull(markerClass, "markerClass");
    Objects.requireNonNull(lowest, "lowest");
    Objects.requireNonNull(below, "below");
  }

  /**
   * Returns whether {@code version} (such as {@code 1.19.0} or {@code 1.0.0-beta3}) is supported.
   */
  public boolean supports(String version) {
    // A pre-release of the first unsupported version (2.0.0-beta1) is not supported either.
    return compare(version, lowest) >= 0 && compare(release(version), below) < 0;
  }

  /** Returns the range as people read it, e.g. {@code 1.0.0 up to (not including) 2.0.0}. */
  public String describe() {
    return lowest + " up to (not including) " + below;
  }

  /**
   * Compares two versions by their numeric parts; a version with a qualifier ({@code -beta3}) comes
   * before the same numbers without one.
   */
  static int compare(String a, String b) {
    String[] left = numbers(a);
    String[] right = numbers(b);
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      long x = i < left.length ? parse(left[i]) : 0;
      long y = i < right.length ? parse(right[i]) : 0;
      if (x != y) {
        return Long.compare(x, y);
      }
    }
    boolean qualifiedA = a.indexOf('-') >= 0;
    boolean qualifiedB = b.indexOf('-') >= 0;
    return Boolean.compare(!qualifiedA, !qualifiedB);
  }

  private static String release(String version) {
    int dash = version.indexOf('-');
    return dash >= 0 ? version.substring(0, dash) : version;
  }

  private static String[] numbers(String version) {
    int dash = version.indexOf('-');
    return (dash >= 0 ? version.substring(0, dash) : version).trim().split("\\.");
  }

  private static long parse(String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
