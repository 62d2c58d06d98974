package dev.weft.analysis;

/**
 * Keeps names and messages of traces to a width a terminal can show: a workflow named with a whole
 * document, or a multi-line error, is one line cut with an ellipsis.
 */
public final class TextWidth {
  /** The most characters of one name shown. */
  public static final int NAME = 60;

  /** The most characters of one message shown. */
  public static final int MESSAGE = 120;

  private TextWidth() {}

  /**
   * Returns {@code text} as one line of at most {@code width} characters: line breaks and tabs
   * become spaces, and a longer text is cut with an ellipsis; null is an empty text.
   */
  public static String shown(String text, int width) {
    if (text == null) {
      return "";
    }
    String line = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return line.length() <= width ? line : line.substring(0, Math.max(1, width - 1)) + "…";
  }
}
