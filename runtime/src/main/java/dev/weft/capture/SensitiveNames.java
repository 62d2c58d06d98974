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
    int end = skipSeparators(name, name.length() - 1);
    if (end < 0) {
      return false;
    }
    char last = lowerCase(name.charAt(end));
    String[] candidates = last < 128 ? SUFFIXES_BY_LAST[last] : SUFFIXES;
    if (candidates.length == 0) {
      return false;
    }
    // Every suffix is at least three letters: comparing the letter before the last first turns
    // most names away without a loop.
    int before = skipSeparators(name, end - 1);
    if (before < 0) {
      return false;
    }
    char secondLast = lowerCase(name.charAt(before));
    for (String suffix : candidates) {
      int j = suffix.length() - 1;
      if (suffix.charAt(j) == last
          && suffix.charAt(j - 1) == secondLast
          && endsWithNormalised(name, before - 1, suffix, j - 2)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether {@code name} up to {@code i} ends with {@code suffix} up to {@code j}. */
  private static boolean endsWithNormalised(String name, int i, String suffix, int j) {
    for (; j >= 0; j--) {
      i = skipSeparators(name, i);
      if (i < 0 || lowerCase(name.charAt(i)) != suffix.charAt(j)) {
        return false;
      }
      i--;
    }
    return true;
  }

  /** Returns the index of the last character at or before {@code i} that is no separator, or -1. */
  private static int skipSeparators(String name, int i) {
    while (i >= 0 && isSeparator(name.charAt(i))) {
      i--;
    }
    return i;
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
