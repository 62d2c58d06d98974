package dev.weft.capture;

/** Small string checks the renderer needs on every captured string. */
final class Strings {

  private static final byte ESCAPED = 1;
  private static final byte SECRET_MARKER = 2;

  /** What each ASCII character may need: escaping in JSON, or a look for a secret around it. */
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 0x20; c++) {
      ASCII[c] = ESCAPED;
    }
    ASCII['"'] = ESCAPED;
    ASCII['\\'] = ESCAPED;
    for (char c : SecretRedactor.MARKERS.toCharArray()) {
      ASCII[c] = SECRET_MARKER;
    }
  }

  private Strings() {}

  /**
   * Returns whether {@code s} needs none of the work done on a captured string, checked in one
   * pass: no unpaired surrogate (nor any surrogate), no place where a built-in secret pattern could
   * start, and, when {@code forJson}, nothing a JSON string literal escapes ({@link
   * JsonText#appendString}). Most captured text is like that, and is then used as it is.
   */
  static boolean isPlain(String s, boolean forJson) {
    int n = s.length();
    boolean secretsPossible = n >= SecretRedactor.MIN_BUILT_IN_LENGTH;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        byte kind = ASCII[c];
        if (kind == 0) {
          continue;
        }
        if (kind == ESCAPED) {
          if (forJson) {
            return false;
          }
        } else if (secretsPossible && SecretRedactor.candidateNear(s, i) >= 0) {
          return false;
        }
      } else if (Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    return true;
  }

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
