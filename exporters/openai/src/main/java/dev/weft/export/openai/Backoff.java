package dev.weft.export.openai;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a request again, as the OpenAI SDKs decide: which answers are worth another attempt,
 * and how long to wait before it.
 */
final class Backoff {
  /** The longest server-requested wait that is honoured; a longer one falls back to backoff. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final Duration baseDelay;
  private final Duration maxDelay;
  private final DoubleSupplier random;
  private final java.time.Clock wallClock;

  Backoff(Duration baseDelay, Duration maxDelay, DoubleSupplier random, java.time.Clock wallClock) {
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.random = random;
    this.wallClock = wallClock;
  }

  /**
   * Returns whether an answer is worth another attempt: {@code x-should-retry} decides when
   * present; otherwise 408, 409, 429 and every 5xx are, other statuses are not.
   */
  static boolean shouldRetry(int status, HttpHeaders headers) {
    Optional<String> told = headers.firstValue("x-should-retry");
    if (told.isPresent()) {
      if (told.get().equalsIgnoreCase("true")) {
        return true;
      }
      if (told.get().equalsIgnoreCase("false")) {
        return false;
      }
    }
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /**
   * Returns the wait before attempt {@code failedAttempts + 1}: what the server asked for ({@code
   * retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date) when it is between 0
   * and {@link #MAX_RETRY_AFTER}, else the base delay doubled per failed attempt, at most the
   * maximum, plus up to 10 % jitter.
   */
  Duration delay(int failedAttempts, HttpHeaders headers) {
    Duration asked = headers == null ? null : retryAfter(headers);
    return asked != null ? asked : exponential(failedAttempts);
  }

  private Duration exponential(int failedAttempts) {
    long base = baseDelay.toMillis();
    long max = maxDelay.toMillis();
    long delay = base;
    for (int i = 1; i < failedAttempts && delay < max; i++) {
      delay *= 2;
    }
    delay = Math.min(delay, max);
    return Duration.ofMillis(delay + (long) (delay * 0.1 * random.getAsDouble()));
  }

  private Duration retryAfter(HttpHeaders headers) {
    Duration asked = null;
    Optional<String> ms = headers.firstValue("retry-after-ms");
    if (ms.isPresent()) {
      asked = millis(ms.get(), 1);
    }
    Optional<String> seconds = headers.firstValue("retry-after");
    if (asked == null && seconds.isPresent()) {
      asked = millis(seconds.get(), 1000);
      if (asked == null) {
        asked = untilDate(seconds.get());
      }
    }
    if (asked == null || asked.isNegative() || asked.compareTo(MAX_RETRY_AFTER) > 0) {
      return null;
    }
    return asked;
  }

  private static Duration millis(String value, double factor) {
    try {
      double number = Double.parseDouble(value.trim());
      return Double.isFinite(number) ? Duration.ofMillis((long) (number * factor)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Duration untilDate(String value) {
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      return Duration.between(wallClock.instant(), at.toInstant());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
