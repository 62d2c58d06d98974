package dev.weft.config;

import dev.weft.internal.WeftLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads keys as typed values. A value that cannot be used is reported once per key, in one line
 * that names the key, the value and what is accepted, and the default is returned instead.
 */
final class ConfigValues {

  private static final int MAX_SHOWN_VALUE_CHARS = 200;

  private final ConfigSources sources;
  private final Set<String> reportedKeys = ConcurrentHashMap.newKeySet();

  ConfigValues(ConfigSources sources) {
    this.sources = sources;
  }

  /** Returns the raw value of a canonical key, or null. */
  String get(String key) {
    return sources.get(key);
  }

  /** Returns the Weft keys the sources give, as spelled there. */
  java.util.Set<String> givenKeys() {
    return sources.givenKeys();
  }

  /** Returns an environment variable as it is, or null. */
  String getenv(String name) {
    return sources.getenv(name);
  }

  /**
   * Reports a bad value once per key: {@code key=value is not accepted (accepted); using default}.
   */
  void reportBadValue(String key, String value, String accepted, String consequence) {
    if (reportedKeys.add(key)) {
      WeftLog.warn(
          key + "=" + shorten(value) + " is not accepted (" + accepted + "); " + consequence);
    }
  }

  /** Reports once that no part of Weft reads {@code key}, naming the closest known key if any. */
  void reportUnknownKey(String key, String closest) {
    if (reportedKeys.add(key)) {
      WeftLog.warn(
          key
              + " is not a Weft configuration key and is ignored"
              + (closest == null ? "" : "; did you mean " + closest + "?"));
    }
  }

  boolean getBoolean(String key, boolean def) {
    String value = get(key);
    if (value == null) {
      return def;
    }
    Boolean parsed = parseBoolean(value);
    if (parsed == null) {
      reportBadValue(key, value, "true or false", "using " + def);
      return def;
    }
    return parsed;
  }

  /** Parses true/false, yes/no, on/off, 1/0 case-insensitively; null for anything else. */
  static Boolean parseBoolean(String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1":
        return Boolean.TRUE;
      case "false", "no", "off", "0":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  int getInt(String key, int def, int min, int max) {
    return (int) getLong(key, def, min, max);
  }

  long getLong(String key, long def, long min, long max) {
    checkRange(min, max);
    String value = get(key);
    if (value == null) {
      return def;
    }
    try {
      long parsed = Long.parseLong(value.replace("_", ""));
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below, like a value out of range.
    }
    reportBadValue(key, value, "a whole number from " + min + " to " + max, "using " + def);
    return def;
  }

  double getDouble(String key, double def, double min, double max) {
    checkRange(min, max);
    String value = get(key);
    if (value == null) {
      return def;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below, like a value out of range.
    }
    reportBadValue(key, value, "a number from " + min + " to " + max, "using " + def);
    return def;
  }

  Path getPath(String key, Path def) {
    String value = get(key);
    if (value == null) {
      return def;
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      reportBadValue(key, value, "a file system path", "using " + def);
      return def;
    }
  }

  URI getHttpUri(String key, URI def) {
    String value = get(key);
    if (value == null) {
      return def;
    }
    URI parsed = parseHttpUri(value);
    if (parsed == null) {
      reportBadValue(key, value, "an absolute http or https URL", "using " + def);
      return def;
    }
    return parsed;
  }

  /** Parses an absolute http(s) URI with a host; null when {@code value} is not one. */
  static URI parseHttpUri(String value) {
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme();
      boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
      return http && uri.getHost() != null ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static void checkRange(double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
  }

  private static String shorten(String value) {
    return value.length() <= MAX_SHOWN_VALUE_CHARS
        ? value
        : value.substring(0, MAX_SHOWN_VALUE_CHARS) + "...";
  }
}
