package dev.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static String reference(long epochMicros) {
    return REFERENCE.format(
        Instant.ofEpochSecond(
            Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000));
  }

  private static long micros(String isoLocal) {
    LocalDateTime time = LocalDateTime.parse(isoLocal);
    Instant instant = time.toInstant(ZoneOffset.UTC);
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
  }

  @Test
  void format_writesIsoUtcWithMicroseconds() {
    assertThat(Timestamps.format(micros("2026-11-21T19:36:01.123456")))
        .isEqualTo("2026-11-21T19:36:01.123456Z");
    assertThat(Timestamps.format(0)).isEqualTo("1970-01-01T00:00:00.000000Z");
    assertThat(Timestamps.format(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
  }

  @Test
  void format_matchesDateTimeFormatter_atCalendarEdges() {
    String[] edges = {
      "0000-01-01T00:00:00", "0000-02-29T12:00:00", "0000-12-31T23:59:59.999999",
      "0001-01-01T00:00:00", "1600-02-29T00:00:00", "1899-12-31T23:59:59.999999",
      "1900-02-28T23:59:59", "1900-03-01T00:00:00", "1969-12-31T23:59:59.999999",
      "1970-01-01T00:00:00.000001", "1999-12-31T23:59:59.999999", "2000-02-29T00:00:00",
      "2000-03-01T00:00:00", "2024-02-29T23:59:59.999999", "2038-01-19T03:14:08",
      "2100-02-28T23:59:59.999999", "2100-03-01T00:00:00", "9999-12-31T23:59:59.999999"
    };
    for (String edge : edges) {
      long value = micros(edge);
      for (long delta = -2; delta <= 2; delta++) {
        assertThat(Timestamps.format(value + delta))
            .as(edge + " %+d us", delta)
            .isEqualTo(reference(value + delta));
      }
    }
  }

  @Test
  void format_matchesDateTimeFormatter_overManyRandomInstants() {
    SplittableRandom random = new SplittableRandom(20261121L);
    long year0 = micros("0000-01-01T00:00:00");
    long year10000 = micros("9999-12-31T23:59:59.999999") + 1;
    long recent = micros("1990-01-01T00:00:00");
    long soon = micros("2090-01-01T00:00:00");
    for (int i = 0; i < 200_000; i++) {
      long value = i % 2 == 0 ? random.nextLong(year0, year10000) : random.nextLong(recent, soon);
      assertThat(Timestamps.format(value)).as("%d", value).isEqualTo(reference(value));
    }
  }

  @Test
  void format_outsideYears0To9999_writesSignedYearsAsDateTimeFormatterDoes() {
    long[] values = {
      micros("9999-12-31T23:59:59.999999") + 1,
      micros("0000-01-01T00:00:00") - 1,
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    for (long value : values) {
      assertThat(Timestamps.format(value)).isEqualTo(reference(value));
      byte[] buffer = new byte[Timestamps.MAX_LENGTH + 3];
      int length = Timestamps.format(value, buffer, 3);
      assertThat(new String(buffer, 3, length, StandardCharsets.US_ASCII))
          .isEqualTo(reference(value));
    }
  }

  @Test
  void format_intoABuffer_writesAtTheOffset_andReturnsTheLength() {
    byte[] buffer = new byte[Timestamps.MAX_LENGTH + 5];
    int length = Timestamps.format(micros("2026-11-21T19:36:01.000042"), buffer, 5);
    assertThat(new String(buffer, 5, length, StandardCharsets.US_ASCII))
        .isEqualTo("2026-11-21T19:36:01.000042Z");
  }

  @Test
  void parseMicros_readsWhatFormatWrites() {
    long value = micros("2024-02-29T23:59:59.999999");
    assertThat(Timestamps.parseMicros(Timestamps.format(value))).isEqualTo(value);
    assertThat(Timestamps.parseMicros("not a time")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void text_formatsTimesInARow_asFormatDoes_withinASecondAndAcrossSeconds() {
    long start = micros("2026-11-21T19:36:01.999990");
    long[] values = {
      start,
      start + 5,
      start + 10, // the next second
      start + 11,
      start - 3_000_000, // back by three seconds
      micros("9999-12-31T23:59:59.999999") + 1, // the slow path, then back
      start + 12,
      -1,
      0
    };
    Timestamps.Text text = new Timestamps.Text();
    for (long value : values) {
      int length = text.format(value);
      assertThat(new String(text.bytes(), 0, length, StandardCharsets.US_ASCII))
          .as("%d", value)
          .isEqualTo(Timestamps.format(value))
          .isEqualTo(reference(value));
    }
  }
}
