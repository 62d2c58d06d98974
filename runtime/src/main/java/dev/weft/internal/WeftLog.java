package dev.weft.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own log: lines on stderr prefixed {@code [weft]}, never through the application's
 * logging framework, so tracing never touches the application's logging configuration.
 *
 * <p>Captured values are never passed here; messages name keys, classes and counts only.
 */
public final class WeftLog {

  /** The severity of a log line. */
  public enum Level {
    /** Internal details for diagnosing the agent. */
    DEBUG,
    /** Normal operation: start-up, where traces go. */
    INFO,
    /** Something was wrong and a safe default was used. */
    WARN,
    /** Something failed; tracing goes on without it. */
    ERROR,
    /** No lines at all. */
    OFF;

    /** Parses a level name, case-insensitively; {@code null} when the name is not a level. */
    public static Level parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  private static volatile Level threshold = Level.INFO;
  private static volatile PrintStream out = System.err;
  private static final ConcurrentHashMap<String, AtomicLong> lastByKey = new ConcurrentHashMap<>();
  private static final long RATE_LIMIT_NANOS = 60_000_000_000L;

  private WeftLog() {}

  /** Sets the lowest level that is printed. */
  public static void setLevel(Level level) {
    threshold = level;
  }

  /** Returns the lowest level that is printed. */
  public static Level level() {
    return threshold;
  }

  /** Redirects the log, for tests; {@code System.err} by default. */
  public static void setOutput(PrintStream stream) {
    out = stream;
  }

  /** Returns whether lines of this level are printed. */
  public static boolean isEnabled(Level level) {
    return level.compareTo(threshold) >= 0 && level != Level.OFF;
  }

  /** Logs a debug line. */
  public static void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  /** Logs an info line. */
  public static void info(String message) {
    log(Level.INFO, message, null);
  }

  /** Logs a warning. */
  public static void warn(String message) {
    log(Level.WARN, message, null);
  }

  /** Logs an error with the failure that caused it. */
  public static void error(String message, Throwable cause) {
    log(Level.ERROR, message, cause);
  }

  /**
   * Logs a warning at most once a minute per {@code key}, so a failure that repeats on every span
   * cannot flood stderr; the line after a quiet period says how many were suppressed.
   */
  public static void warnRateLimited(String key, String message, Throwable cause) {
    AtomicLong last = lastByKey.computeIfAbsent(key, k -> new AtomicLong(Long.MIN_VALUE));
    long now = System.nanoTime();
    long previous = last.get();
    if (previous != Long.MIN_VALUE && now - previous < RATE_LIMIT_NANOS) {
      return;
    }
    if (last.compareAndSet(previous, now)) {
      log(Level.WARN, message + " (further occurrences silenced for a minute)", cause);
    }
  }

  /** Logs a line at the given level, with an optional cause. */
  public static void log(Level level, String message, Throwable cause) {
    if (!isEnabled(level)) {
      return;
    }
    try {
      PrintStream stream = out;
      StringBuilder line = new StringBuilder(message.length() + 32).append("[weft] ");
      if (level != Level.INFO) {
        line.append(level.name()).append(' ');
      }
      line.append(message);
      if (cause != null) {
        line.append(": ").append(cause.getClass().getName());
      }
      stream.println(line);
      if (cause != null && threshold == Level.DEBUG) {
        cause.printStackTrace(stream);
      }
    } catch (RuntimeException ignored) {
      // Logging must never fail the caller.
    }
  }
}
