package dev.weft.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Span times as text: ISO-8601 UTC with microseconds, {@code 2026-11-21T19:36:01.123456Z}.
 *
 * <p>Every exported span carries two of them, so years 0000 to 9999 are formatted by arithmetic on
 * the calendar rather than through {@link DateTimeFormatter}, which allocates several objects per
 * call; other years (signed, as {@code DateTimeFormatter} writes them) take the slow path.
 */
public final class Timestamps {
  /** The most characters {@link #format(long, char[], int)} writes. */
  public static final int MAX_LENGTH = 32;

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final int LENGTH = 27;
  // Where the six digits of the microseconds start: after "uuuu-MM-ddTHH:mm:ss.".
  private static final int MICROS_AT = 20;
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final int SECONDS_PER_DAY = 86_400;
  // Days from 0000-03-01 to 1970-01-01, and in one 400-year cycle of the Gregorian calendar.
  private static final long DAYS_0000_03_01_TO_EPOCH = 719_468L;
  private static final long DAYS_PER_400_YEARS = 146_097L;

  private Timestamps() {}

  /** Formats microseconds since the epoch. */
  public static String format(long epochMicros) {
    byte[] text = new byte[MAX_LENGTH];
    return new String(text, 0, format(epochMicros, text, 0), StandardCharsets.US_ASCII);
  }

  /**
   * Writes the text of microseconds since the epoch into {@code into} at {@code offset} as ASCII
   * bytes, which is also their UTF-8; {@code into} must leave room for {@link #MAX_LENGTH} bytes.
   * Returns how many were written.
   */
  public static int format(long epochMicros, byte[] into, int offset) {
    long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
    int micros = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND);
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);

    // Civil date from a day count, with years starting on March 1 so the leap day comes last.
    long shifted = days + DAYS_0000_03_01_TO_EPOCH;
    long era = Math.floorDiv(shifted, DAYS_PER_400_YEARS);
    int dayOfEra = (int) (shifted - era * DAYS_PER_400_YEARS);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int monthFromMarch = (5 * dayOfYear + 2) / 153;
    int day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
    int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
    long year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      String slow = FORMAT.format(Instant.ofEpochSecond(seconds, micros * 1_000L));
      byte[] text = slow.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(text, 0, into, offset, text.length);
      return text.length;
    }

    int i = offset;
    i = digits(into, i, (int) year, 4);
    into[i++] = '-';
    i = digits(into, i, month, 2);
    into[i++] = '-';
    i = digits(into, i, day, 2);
    into[i++] = 'T';
    i = digits(into, i, secondOfDay / 3600, 2);
    into[i++] = ':';
    i = digits(into, i, secondOfDay / 60 % 60, 2);
    into[i++] = ':';
    i = digits(into, i, secondOfDay % 60, 2);
    into[i++] = '.';
    i = digits(into, i, micros, 6);
    into[i] = 'Z';
    return LENGTH;
  }

  /**
   * Formats times one after another into one buffer, as ASCII bytes. The times an exporter writes
   * in a row mostly fall within the same second, so the date and time of day are reused and only
   * the microseconds are written again. Not thread-safe: one per writer.
   */
  public static final class Text {
    private final byte[] bytes = new byte[MAX_LENGTH];
    private long second = Long.MIN_VALUE;

    /** Formats microseconds since the epoch into {@link #bytes()}; returns the length. */
    public int format(long epochMicros) {
      long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
      if (seconds == second) {
        digits(bytes, MICROS_AT, (int) Math.floorMod(epochMicros, MICROS_PER_SECOND), 6);
        return LENGTH;
      }
      int length = Timestamps.format(epochMicros, bytes, 0);
      second = length == LENGTH ? seconds : Long.MIN_VALUE;
      return length;
    }

    /** Returns the buffer the last time was formatted into. */
    public byte[] bytes() {
      return bytes;
    }
  }

  /** Writes {@code value} as exactly {@code count} decimal digits and returns the next index. */
  private static int digits(byte[] into, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      into[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + count;
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
