package dev.weft.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random ids in the formats of the contract: {@code trace_} + 32 lowercase hex, {@code span_} + 24
 * lowercase hex, {@code group_} + 24 lowercase hex.
 */
public final class Ids {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  // The two lowercase hex digits of every byte value, at twice the value.
  private static final byte[] HEX_PAIRS = new byte[512];

  static {
    for (int b = 0; b < 256; b++) {
      HEX_PAIRS[2 * b] = HEX[b >> 4];
      HEX_PAIRS[2 * b + 1] = HEX[b & 0xF];
    }
  }

  private Ids() {}

  /** Returns a new trace id. */
  public static String newTraceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return traceId(random.nextLong(), random.nextLong());
  }

  /** Formats a trace id from its two 64-bit halves. */
  public static String traceId(long high, long low) {
    return format("trace_", high, low, 32);
  }

  /** Returns a new group id. */
  public static String newGroupId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return format("group_", random.nextLong() & 0xFFFFFFFFL, random.nextLong(), 24);
  }

  /**
   * Formats a span id from its two halves: the low 32 bits of {@code high} and all of {@code low}.
   */
  public static String spanId(long high, long low) {
    return format("span_", high & 0xFFFFFFFFL, low, 24);
  }

  /**
   * Returns a trace id as OpenTelemetry and W3C Trace Context carry it: the last 32 hex of Weft's
   * {@code trace_} id. OTLP export, {@code traceparent} headers and the OpenTelemetry context all
   * use this one rule, so the same trace has the same id everywhere.
   */
  public static String w3cTraceId(String traceId) {
    return traceId.substring(traceId.length() - 32);
  }

  /**
   * Returns a span id as OpenTelemetry and W3C Trace Context carry it: the last 16 hex of Weft's
   * {@code span_} id (its low 64 bits).
   */
  public static String w3cSpanId(String spanId) {
    return spanId.substring(spanId.length() - 16);
  }

  /**
   * Returns 64 bits as 16 lowercase hex: the W3C span id of a span whose id has these low bits, the
   * same text as {@link #w3cSpanId} cuts from the formatted id.
   */
  public static String hex16(long bits) {
    return format("", 0, bits, 16);
  }

  /**
   * Returns 128 bits as 32 lowercase hex: the W3C trace id of a trace whose id has these halves,
   * the same text as {@link #w3cTraceId} cuts from the formatted id.
   */
  public static String hex32(long high, long low) {
    return format("", high, low, 32);
  }

  /** Returns whether {@code id} is {@code prefix} followed by exactly {@code hexDigits} hex. */
  public static boolean isValid(String id, String prefix, int hexDigits) {
    if (id == null || id.length() != prefix.length() + hexDigits || !id.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes a span id's text, {@code span_} + 24 lowercase hex, as ASCII bytes into {@code into}
   * from index 0, without making a String; see {@link #spanId(long, long)}. Returns its length.
   */
  public static int spanIdBytes(long high, long low, byte[] into) {
    return formatInto("span_", high & 0xFFFFFFFFL, low, 24, into);
  }

  /**
   * Writes a trace id's text, {@code trace_} + 32 lowercase hex, as ASCII bytes into {@code into}
   * from index 0, without making a String; see {@link #traceId(long, long)}. Returns its length.
   */
  public static int traceIdBytes(long high, long low, byte[] into) {
    return formatInto("trace_", high, low, 32, into);
  }

  private static String format(String prefix, long high, long low, int hexDigits) {
    // Bytes, not chars: the String keeps them as they are, without compressing a char array.
    byte[] text = new byte[prefix.length() + hexDigits];
    formatInto(prefix, high, low, hexDigits, text);
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  private static int formatInto(String prefix, long high, long low, int hexDigits, byte[] text) {
    int start = prefix.length();
    int end = start + hexDigits;
    for (int i = 0; i < start; i++) {
      text[i] = (byte) prefix.charAt(i);
    }
    // Two digits per step, from a byte's pair in HEX_PAIRS.
    for (int i = 0; i < 8; i++) {
      int pair = ((int) (low >>> (i * 8)) & 0xFF) << 1;
      text[end - 2 - 2 * i] = HEX_PAIRS[pair];
      text[end - 1 - 2 * i] = HEX_PAIRS[pair + 1];
    }
    for (int i = 0; i < (hexDigits - 16) / 2; i++) {
      int pair = ((int) (high >>> (i * 8)) & 0xFF) << 1;
      text[end - 18 - 2 * i] = HEX_PAIRS[pair];
      text[end - 17 - 2 * i] = HEX_PAIRS[pair + 1];
    }
    return end;
  }
}
