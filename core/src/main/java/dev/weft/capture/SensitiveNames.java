package dev.weft.capture;

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

  private SensitiveNames() {}

  /** Returns whether {@code name}, normalised, equals or ends with a secret's name. */
  static boolean isSensitive(String name) {
    if (name == null || name.length() < 3) {
      return false;
    }
    for (String suffix : SUFFIXES) {
      if (endsWithNormalised(name, suffix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithNormalised(String name, String suffix) {
    int i = name.length() - 1;
    for (int j = suffix.length() - 1; j >= 0; j--) {
      while (i >= 0 && isSeparator(name.charAt(i))) {
        i--;
      }
      if (i < 0 || Character.toLowerCase(name.charAt(i)) != suffix.charAt(j)) {
        return false;
      }
      i--;
    }
    return true;
  }

  private static boolean isSeparator(char c) {
    return c == '_' || c == '-' || c == '.';
  }
}
