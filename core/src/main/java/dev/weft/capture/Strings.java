package dev.weft.capture;

/** Small string checks the renderer needs on every captured string. */
final class Strings {

  private Strings() {}

  /**
   * Returns {@code s} with each unpaired surrogate replaced by U+FFFD, or {@code s} itself when it
   * has none: such text cannot be encoded as UTF-8, and would fail the exporters later.
   */
  static String withoutBrokenSurrogates(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return replaceBroken(s);
        }
      }
    }
    return s;
  }

  private static String replaceBroken(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
