package dev.weft.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replaces secrets in text with {@value ValueRenderer#REDACTED}: the built-in patterns for API keys
 * and tokens, then the configured extra patterns.
 *
 * <p>The built-in patterns are one compiled alternation, and a string is only handed to it when a
 * cheap scan finds a place where one of them could start, so ordinary text costs one pass over its
 * characters. Extra patterns are combined into one alternation too, unless one of them needs to be
 * on its own (back-references, comments, flags without an inline form).
 */
final class SecretRedactor {

  /**
   * The shortest text any built-in pattern matches ({@code Bearer} + space + 8, or {@code xoxb-} +
   * 10); shorter strings skip the built-in patterns.
   */
  static final int MIN_BUILT_IN_LENGTH = 15;

  /**
   * Group 1 is the {@code Bearer } prefix, which is kept; every other alternative is replaced
   * whole. A secret must not continue a longer word, so {@code task-...} is not an {@code sk-} key.
   */
  private static final Pattern BUILT_IN =
      Pattern.compile(
          "(\\b(?i:bearer)\\s+)[A-Za-z0-9._~+/-]{8,}=*"
              + "|(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}"
              + "|(?<![A-Za-z0-9])AKIA[0-9A-Z]{16}(?![0-9A-Z])"
              + "|(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{20,}"
              + "|(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}"
              + "|(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}"
              + "|(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

  private static final Pattern BACK_REFERENCE = Pattern.compile("\\\\(?:[1-9]|k<)");

  private final Pattern[] extraPatterns;

  private SecretRedactor(Pattern[] extraPatterns) {
    this.extraPatterns = extraPatterns;
  }

  /** Creates a redactor with the built-in patterns plus {@code extraPatterns}. */
  static SecretRedactor create(List<Pattern> extraPatterns) {
    return new SecretRedactor(combine(extraPatterns).toArray(new Pattern[0]));
  }

  /**
   * Returns {@code text} with every secret replaced, or {@code text} itself when none was found.
   */
  String redact(String text) {
    String result = text;
    if (result.length() >= MIN_BUILT_IN_LENGTH) {
      int start = firstCandidate(result);
      if (start >= 0) {
        result = replace(BUILT_IN.matcher(result), result, start, true);
      }
    }
    for (Pattern extra : extraPatterns) {
      result = replace(extra.matcher(result), result, 0, false);
    }
    return result;
  }

  /** Returns whether this redactor has patterns besides the built-in ones. */
  boolean hasExtraPatterns() {
    return extraPatterns.length > 0;
  }

  /**
   * Returns where a built-in pattern could first match, or -1 when nowhere. Looks only around the
   * rare {@link #MARKERS}: the first place found near the first marker that has one is the
   * earliest, since any earlier place would have its own marker before.
   */
  static int firstCandidate(String text) {
    int n = text.length();
    if (n < MIN_BUILT_IN_LENGTH) {
      return -1;
    }
    // A place a match can start leaves MIN_BUILT_IN_LENGTH characters; its marker is just after.
    int end = Math.min(n, n - MIN_BUILT_IN_LENGTH + MAX_MARKER_OFFSET + 1);
    for (int i = 0; i < end; i++) {
      if (isMarker(text.charAt(i))) {
        int start = candidateNear(text, i);
        if (start >= 0) {
          return start;
        }
      }
    }
    return -1;
  }

  /**
   * Returns whether a built-in pattern could start at {@code i}, which must leave at least {@link
   * #MIN_BUILT_IN_LENGTH} characters.
   */
  static boolean isCandidateAt(String text, int i) {
    return switch (text.charAt(i)) {
      case 's' -> text.startsWith("k-", i + 1);
      case 'B', 'b' -> text.regionMatches(true, i + 1, "earer", 0, 5);
      case 'A' -> text.startsWith("KIA", i + 1) || text.startsWith("Iza", i + 1);
      case 'g' -> text.charAt(i + 1) == 'h' && text.charAt(i + 3) == '_';
      case 'x' -> text.startsWith("ox", i + 1);
      case 'e' -> text.startsWith("yJ", i + 1);
      default -> false;
    };
  }

  /**
   * Characters of which every possible start of a built-in match ({@link #isCandidateAt}) has one
   * at most {@link #MAX_MARKER_OFFSET} characters on: {@code -} of {@code sk-}, {@code B}/{@code b}
   * of bearer, {@code A} of {@code AKIA} and {@code AIza}, {@code _} of {@code gh?_}, {@code x} of
   * {@code xox}, {@code J} of {@code eyJ}. They are chosen to be rare in ordinary text, unlike the
   * first letters {@code s}, {@code g} and {@code e}.
   */
  static final String MARKERS = "-BbA_xJ";

  /** How far past the start of a possible match its marker may be. */
  static final int MAX_MARKER_OFFSET = 3;

  /** Returns whether {@code c} is one of the {@link #MARKERS}. */
  static boolean isMarker(char c) {
    return switch (c) {
      case '-', 'B', 'b', 'A', '_', 'x', 'J' -> true;
      default -> false;
    };
  }

  /**
   * Returns the first place at most {@link #MAX_MARKER_OFFSET} characters before {@code i} (where a
   * marker was found) where a built-in pattern could start, or -1.
   */
  static int candidateNear(String text, int i) {
    int last = Math.min(i, text.length() - MIN_BUILT_IN_LENGTH);
    for (int start = Math.max(0, i - MAX_MARKER_OFFSET); start <= last; start++) {
      if (isCandidateAt(text, start)) {
        return start;
      }
    }
    return -1;
  }

  private static String replace(Matcher matcher, String text, int from, boolean keepGroupOne) {
    if (!matcher.find(from)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    do {
      if (matcher.end() == matcher.start()) {
        continue;
      }
      out.append(text, copied, matcher.start());
      if (keepGroupOne && matcher.start(1) >= 0) {
        out.append(text, matcher.start(1), matcher.end(1));
      }
      out.append(ValueRenderer.REDACTED);
      copied = matcher.end();
    } while (matcher.find());
    if (copied == 0) {
      return text;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** Folds the extra patterns into as few patterns as possible, keeping what must stay apart. */
  private static List<Pattern> combine(List<Pattern> patterns) {
    List<Pattern> apart = new ArrayList<>();
    List<Pattern> combinable = new ArrayList<>();
    StringBuilder combined = new StringBuilder();
    for (Pattern pattern : patterns) {
      String flags = inlineFlags(pattern.flags());
      String source = pattern.pattern();
      if (flags == null
          || source.indexOf('#') >= 0
          || source.contains("(?x")
          || BACK_REFERENCE.matcher(source).find()) {
        apart.add(pattern);
        continue;
      }
      if (!combinable.isEmpty()) {
        combined.append('|');
      }
      combinable.add(pattern);
      combined.append("(?").append(flags).append(':').append(source).append(')');
    }
    if (combinable.size() > 1) {
      try {
        apart.add(Pattern.compile(combined.toString()));
        return apart;
      } catch (PatternSyntaxException e) {
        // Each compiled on its own, so together they should too; if not, keep them apart.
      }
    }
    apart.addAll(combinable);
    return apart;
  }

  /** Returns the inline spelling of pattern flags ({@code "i"}, ...), or null if there is none. */
  private static String inlineFlags(int flags) {
    StringBuilder inline = new StringBuilder();
    int[] bits = {
      Pattern.CASE_INSENSITIVE,
      Pattern.MULTILINE,
      Pattern.DOTALL,
      Pattern.UNICODE_CASE,
      Pattern.UNIX_LINES,
      Pattern.UNICODE_CHARACTER_CLASS
    };
    String letters = "imsudU";
    int known = 0;
    for (int i = 0; i < bits.length; i++) {
      known |= bits[i];
      if ((flags & bits[i]) != 0) {
        inline.append(letters.charAt(i));
      }
    }
    return (flags & ~known) == 0 ? inline.toString() : null;
  }
}
