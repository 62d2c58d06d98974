package dev.weft.viewer;

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
}
