package dev.weft.viewer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON text made safe to place inside an HTML {@code <script>} element or a script file.
 *
 * <p>Valid JSON holds {@code <}, {@code >}, {@code &}, U+2028 and U+2029 only inside strings, where
 * the {@code \}{@code uXXXX} form means the same character. Replacing every one of them therefore
 * keeps the JSON equal while making {@code </script>} and {@code <!--} impossible.
 */
final class ScriptJson {

  private ScriptJson() {}

  /** Returns {@code json} with the characters that could end or confuse a script escaped. */
  static String escape(String json) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < json.length(); i++) {
      String replacement =
          switch (json.charAt(i)) {
            case '<' -> "\\u003c";
            case '>' -> "\\u003e";
            case '&' -> "\\u0026";
            case '\u2028' -> "\\u2028";
            case '\u2029' -> "\\u2029";
            default -> null;
          };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(json.length() + 64);
        }
        out.append(json, copied, i).append(replacement);
        copied = i + 1;
      }
    }
    if (out == null) {
      return json;
    }
    return out.append(json, copied, json.length()).toString();
  }

  /**
   * Writes to {@code out} the UTF-8 bytes of {@code prefix}, {@code json} (UTF-8) escaped as {@link
   * #escape} does, and {@code suffix}, without decoding the JSON into a string: the characters to
   * escape are ASCII bytes, or the three-byte sequences of U+2028 and U+2029, never part of another
   * character.
   */
  static void appendEscaped(OutputStream out, String prefix, byte[] json, String suffix)
      throws IOException {
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
    out.write(head, 0, head.length);
    int copied = 0;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      // The common case, tested first: a byte that starts nothing to escape.
      if (b != '<' && b != '>' && b != '&' && b != (byte) 0xE2) {
        continue;
      }
      String replacement =
          switch (b) {
            case '<' -> "\\u003c";
            case '>' -> "\\u003e";
            case '&' -> "\\u0026";
            case (byte) 0xE2 -> lineOrParagraphSeparator(json, i);
            default -> null;
          };
      if (replacement != null) {
        out.write(json, copied, i - copied);
        out.write(replacement.getBytes(StandardCharsets.US_ASCII));
        i += json[i] == (byte) 0xE2 ? 2 : 0;
        copied = i + 1;
      }
    }
    out.write(json, copied, json.length - copied);
    out.write(tail, 0, tail.length);
  }

  /** The escape of U+2028 or U+2029 when {@code json[i]} starts one, else null. */
  private static String lineOrParagraphSeparator(byte[] json, int i) {
    if (i + 2 >= json.length || json[i + 1] != (byte) 0x80) {
      return null;
    }
    return switch (json[i + 2]) {
      case (byte) 0xA8 -> "\\u2028";
      case (byte) 0xA9 -> "\\u2029";
      default -> null;
    };
  }
}
