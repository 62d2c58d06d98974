package dev.weft;

import dev.weft.internal.Ids;

/**
 * A W3C Trace Context {@code traceparent} header, {@code 00-<32 hex trace id>-<16 hex parent id>-<2
 * hex flags>}, and how its ids map onto Weft's.
 *
 * <p>The trace id is Weft's trace id without its {@code trace_} prefix. A span id on the wire is
 * the last 16 hex of Weft's 24-hex span id (the same 16 hex OTLP exports); a parent id received
 * from another process becomes the Weft span id {@code span_00000000} + those 16 hex, so Weft's own
 * JSON points at the caller's span by the part of the id both processes share.
 *
 * @param traceHex the 32 lowercase hex of the trace id
 * @param parentHex the 16 lowercase hex of the parent span id
 * @param sampled whether the caller kept the trace (flag {@code 01})
 */
record Traceparent(String traceHex, String parentHex, boolean sampled) {
  private static final int LENGTH = 55;
  private static final String REMOTE_SPAN_PREFIX = "span_00000000";

  /** Returns the header of a Weft span, or null when an id is not in Weft's format. */
  static String format(String traceId, String spanId, boolean sampled) {
    if (!Ids.isValid(traceId, "trace_", 32) || !Ids.isValid(spanId, "span_", 24)) {
      return null;
    }
    return "00-"
        + Ids.w3cTraceId(traceId)
        + "-"
        + Ids.w3cSpanId(spanId)
        + (sampled ? "-01" : "-00");
  }

  /**
   * Parses a header as the W3C recommendation asks: lowercase hex, no all-zero ids, version {@code
   * ff} refused, later versions read by their first four fields. Returns null when it is not valid.
   */
  static Traceparent parse(String header) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (value.length() < LENGTH
        || value.charAt(2) != '-'
        || value.charAt(35) != '-'
        || value.charAt(52) != '-') {
      return null;
    }
    String version = value.substring(0, 2);
    if (!isHex(version) || version.equals("ff")) {
      return null;
    }
    if (version.equals("00")
        ? value.length() != LENGTH
        : value.length() > LENGTH && value.charAt(LENGTH) != '-') {
      return null;
    }
    String trace = value.substring(3, 35);
    String parent = value.substring(36, 52);
    String flags = value.substring(53, 55);
    if (!isHex(trace) || !isHex(parent) || !isHex(flags) || isZero(trace) || isZero(parent)) {
      return null;
    }
    return new Traceparent(trace, parent, (Integer.parseInt(flags, 16) & 1) == 1);
  }

  /** Returns Weft's trace id, {@code trace_} + the 32 hex. */
  String traceId() {
    return "trace_" + traceHex;
  }

  /** Returns the Weft span id standing for the caller's span: {@code span_00000000} + 16 hex. */
  String parentSpanId() {
    return REMOTE_SPAN_PREFIX + parentHex;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
