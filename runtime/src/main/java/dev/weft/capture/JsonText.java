package dev.weft.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes rendered trees ({@link ValueRenderer#render}) as compact JSON text, with no library; the
 * trace-file writer writes the same trees through Jackson with the same result.
 *
 * <p>Besides the tree types, any {@link Number}, {@link Collection}, {@link Map} (keys by {@code
 * String.valueOf}) and object arrays are accepted; other objects are written as their {@code
 * String.valueOf} string. Non-finite numbers, which JSON cannot hold, are written as strings. No
 * HTML escaping happens here: {@code </script>} is plain data, escaped by whoever embeds it.
 */
public final class JsonText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /** Returns the compact JSON text of a tree, e.g. {@code {"a":[1,"x"]}}; {@code null} for null. */
  public static String write(Object tree) {
    JsonTextBuffer out = new JsonTextBuffer(64);
    append(out, tree);
    return out.toString();
  }

  static void append(JsonTextBuffer out, Object tree) {
    if (tree == null) {
      out.append("null");
    } else if (tree instanceof String s) {
      appendString(out, s);
    } else if (tree instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (tree instanceof Number number) {
      appendNumber(out, number);
    } else if (tree instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        appendString(out, String.valueOf(entry.getKey()));
        out.append(':');
        append(out, entry.getValue());
      }
      out.append('}');
    } else if (tree instanceof Collection<?> list) {
      appendElements(out, list.toArray());
    } else if (tree instanceof Object[] array) {
      appendElements(out, array);
    } else {
      appendString(out, String.valueOf(tree));
    }
  }

  private static void appendElements(JsonTextBuffer out, Object[] elements) {
    out.append('[');
    for (int i = 0; i < elements.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      append(out, elements[i]);
    }
    out.append(']');
  }

  private static void appendNumber(JsonTextBuffer out, Number number) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isFinite(d)) {
        out.append(number instanceof Float f ? Float.toString(f) : Double.toString(d));
      } else {
        appendString(out, Double.toString(d));
      }
    } else if (number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte
        || number instanceof BigInteger) {
      out.append(number.toString());
    } else if (number instanceof BigDecimal big) {
      out.append(big.toString());
    } else {
      appendString(out, number.toString());
    }
  }

  /**
   * Appends a JSON string literal: quotes, backslashes and control characters escaped, and U+2028
   * and U+2029, which break JavaScript string literals.
   */
  static void appendString(JsonTextBuffer out, String s) {
    out.append('"');
    int n = s.length();
    int plain = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
        continue;
      }
      out.append(s, plain, i);
      plain = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default ->
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
      }
    }
    out.append(s, plain, n).append('"');
  }
}
