package dev.weft.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Span times as text: ISO-8601 UTC with microseconds, {@code 2026-11-21T19:36:01.123456Z}. */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Formats microseconds since the epoch. */
  public static String format(long epochMicros) {
    long seconds = Math.floorDiv(epochMicros, 1_000_000L);
    long micros = Math.floorMod(epochMicros, 1_000_000L);
    return FORMAT.format(Instant.ofEpochSecond(seconds, micros * 1_000L));
  }

  /**
   * Parses an ISO-8601 time (any fraction, with {@code Z} or an offset) into microseconds since the
   * epoch; returns {@code Long.MIN_VALUE} when the text is not a time.
   */
  public static long parseMicros(String text) {
    if (text == null) {
      return Long.MIN_VALUE;
    }
    try {
      Instant instant = OffsetDateTime.parse(text).toInstant();
      return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }
}
