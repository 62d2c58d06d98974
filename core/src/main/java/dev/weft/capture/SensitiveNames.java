package dev.weft.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises names of secrets ({@code password}, {@code apiKey}, {@code accessToken}, ...) without
 * allocating: the name is compared from its end, case-insensitively, skipping {@code _}, {@code -}
 * and {@code .}.
 */
final class SensitiveNames {

  /** Normalised endings that make a name sensitive; longest first only for readability. */
  private static final String[] SUFFIXES = {
    "authorization",
    "credentials",
    "credential",
    "privatekey",
    "accesskey",
    "sessionid",
    "password",
    "passwd",
    "secret",
    "apikey",
    "cookie",
    "token",
    "auth",
    "pwd"
  };

  /**
   * Which suffixes end in each ASCII letter: most names end in a letter no secret's name ends in,
   * and are answered after looking at one character.
   */
  private static final String[][] SUFFIXES_BY_LAST = new String[128][];

  static {
    for (char last = 0; last < 128; last++) {
      List<String> ending = new ArrayList<>();
      for (String suffix : SUFFIXES) {
        if (suffix.charAt(suffix.length() - 1) == last) {
          ending.add(suffix);
        }
      }
      SUFFIXES_BY_LAST[last] = ending.toArray(new String[0]);
    }
  }

  private SensitiveNames() {}

  /** Returns whether {@code name}, normalised, equals or ends with a secret's name. */
  static boolean isSensitive(String name) {
    if (name == null || name.length() < 3) {
      return false;
    }
    int end = name.length() - 1;
    while (end >= 0 && isSeparator(name.charAt(end))) {
      end--;
    }
    if (end < 0) {
      return false;
    }
    char last = lowerCase(name.charAt(end));
    String[] candidates = last < 128 ? SUFFIXES_BY_LAST[last] : SUFFIXES;
    for (String suffix : candidates) {
      if (endsWithNormalised(name, end, suffix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithNormalised(String name, int end, String suffix) {
    int i = end;
    for (int j = suffix.length() - 1; j >= 0; j--) {
      while (i >= 0 && isSeparator(name.charAt(i))) {
        i--;
      }
      if (i < 0 || lowerCase(name.charAt(i)) != suffix.charAt(j)) {
        return false;
      }
      i--;
    }
    return true;
  }

  /** Lower-cases as {@link Character#toLowerCase(char)} does, without its table for ASCII. */
  private static char lowerCase(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(c);
  }

  private static boolean isSeparator(char c) {
    return c == '_' || c == '-' || c == '.';
  }
}
