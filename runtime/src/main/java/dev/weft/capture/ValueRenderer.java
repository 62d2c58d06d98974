package dev.weft.capture;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a captured value into a bounded, redacted, immutable JSON-like tree, or into text.
 *
 * <p>A tree holds only null, {@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@link
 * java.math.BigDecimal}, {@link java.math.BigInteger}, unmodifiable {@code List<Object>} and
 * unmodifiable insertion-ordered {@code Map<String, Object>}. Strings, numbers, booleans and chars
 * are values; enums their {@code name()}; records their components (through their accessors);
 * collections, maps and arrays their elements; {@code Optional} its value or null; every other
 * object its {@code toString()}. No other method of an application object is called: never a
 * getter, never an {@code Iterable} or stream that is not a {@code Collection}.
 *
 * <p>A {@code toString()} of the JDK's is called on the calling thread. One of the application's
 * (or of a JDK class that shows the objects it holds) is called within {@link #toStringTimeout()}:
 * on a renderer thread, waited for at most that long, after which the value is recorded as {@code
 * "<toString() of com.acme.Slow took longer than 100 ms>"} and the class is remembered as slow, so
 * its later values get {@code "<toString() of com.acme.Slow not called: took longer than 100 ms
 * before>"} at once; a class whose {@code toString()} proved fast many times in a row is called on
 * the calling thread, timed (see {@link ToStringHistory}).
 *
 * <p>Bounds: containers nest at most 3 deep (a deeper one becomes {@code "[Map of 12]"}); at most
 * 50 elements each, then {@code "... 12 more"}; every string cut at {@link #maxChars()} with {@code
 * "… [truncated 1234 chars]"}; and the strings of one rendered value add up to at most {@value
 * #BUDGET_FACTOR} times {@code maxChars} characters, after which remaining elements are summarised.
 * A container met again on its own path becomes {@code "<cycle>"}.
 *
 * <p>Secrets: values of a type (or subtype of a type) annotated {@code @Sensitive}, map entries and
 * record components with a secret's name ({@link #isSensitiveName}) become {@value #REDACTED}, and
 * every string that comes out, map keys included, goes through {@link #redact}.
 *
 * <p>Immutable and thread-safe; rendering never throws.
 */
public final class ValueRenderer {

  /** What a redacted value or secret is replaced with. */
  public static final String REDACTED = "[REDACTED]";

  /** The default longest string, as {@code weft.capture.max-chars}. */
  public static final int DEFAULT_MAX_CHARS = 16_384;

  /** The smallest {@code maxChars} accepted. */
  public static final int MIN_MAX_CHARS = 16;

  /** How many times {@code maxChars} one rendered value may hold in all its strings. */
  public static final int BUDGET_FACTOR = 4;

  /**
   * How far past the cut a long string is still redacted, so a secret that straddles the cut is
   * replaced rather than partly kept.
   */
  private static final int REDACTION_OVERLAP = 1024;

  /**
   * The default longest wait for the application's {@code toString()}, as {@code
   * weft.capture.tostring-timeout-ms}.
   */
  public static final Duration DEFAULT_TO_STRING_TIMEOUT = BoundedToString.DEFAULT_TIMEOUT;

  private static final ValueRenderer DEFAULTS =
      new ValueRenderer(
          DEFAULT_MAX_CHARS, List.of(), BoundedToString.create(DEFAULT_TO_STRING_TIMEOUT));

  private final int maxChars;

  /** The most room reserved up front for argument text; a longer text grows its builder. */
  private static final int ARGUMENTS_TEXT_MAX_CAPACITY = 4096;

  private final SecretRedactor redactor;
  private final BoundedToString toStrings;

  ValueRenderer(int maxChars, List<Pattern> extraPatterns, BoundedToString toStrings) {
    this.maxChars = maxChars;
    this.redactor = SecretRedactor.create(extraPatterns);
    this.toStrings = toStrings;
  }

  /**
   * Creates a renderer that waits {@link #DEFAULT_TO_STRING_TIMEOUT} for the application's {@code
   * toString()}.
   *
   * @param maxChars the longest string kept, at least {@value #MIN_MAX_CHARS}
   * @param extraPatterns regexes whose matches are redacted on top of the built-in secret patterns
   * @throws IllegalArgumentException when {@code maxChars} is too small
   */
  public static ValueRenderer create(int maxChars, List<Pattern> extraPatterns) {
    return create(maxChars, extraPatterns, DEFAULT_TO_STRING_TIMEOUT);
  }

  /**
   * Creates a renderer.
   *
   * @param maxChars the longest string kept, at least {@value #MIN_MAX_CHARS}
   * @param extraPatterns regexes whose matches are redacted on top of the built-in secret patterns
   * @param toStringTimeout the longest wait for the application's {@code toString()}; zero calls it
   *     on the calling thread with no bound
   * @throws IllegalArgumentException when {@code maxChars} is too small or the timeout negative
   */
  public static ValueRenderer create(
      int maxChars, List<Pattern> extraPatterns, Duration toStringTimeout) {
    if (maxChars < MIN_MAX_CHARS) {
      throw new IllegalArgumentException("maxChars " + maxChars + " < " + MIN_MAX_CHARS);
    }
    if (toStringTimeout.isNegative()) {
      throw new IllegalArgumentException("toStringTimeout " + toStringTimeout + " < 0");
    }
    return new ValueRenderer(
        maxChars, List.copyOf(extraPatterns), BoundedToString.create(toStringTimeout));
  }

  /** Returns the renderer with the default string limit and only the built-in patterns. */
  public static ValueRenderer defaults() {
    return DEFAULTS;
  }

  /** Returns the longest string this renderer keeps before truncating. */
  public int maxChars() {
    return maxChars;
  }

  /** Returns the longest wait for the application's {@code toString()}; zero for no bound. */
  public Duration toStringTimeout() {
    return toStrings.timeout();
  }

  /**
   * Returns whether a parameter, map key or record component of this name holds a secret: the name
   * without case, {@code _}, {@code -} and {@code .} equals or ends with password, passwd, pwd,
   * secret, token, apikey, accesskey, privatekey, authorization, auth, credential(s), cookie or
   * sessionid. So {@code apiKey} and {@code accessToken} are secret; {@code maxTokens} and {@code
   * author} are not.
   */
  public static boolean isSensitiveName(String name) {
    return SensitiveNames.isSensitive(name);
  }

  /**
   * Renders a captured value as an immutable tree (see the class description).
   *
   * @param value the value, or null
   * @return the tree, or null for null
   */
  public Object render(Object value) {
    if (value instanceof String s) {
      return text(s, maxChars);
    }
    try {
      return new RenderPass(this).render(value, 0);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return "<not rendered: " + e.getClass().getSimpleName() + ">";
    }
  }

  /**
   * Renders a value as text: a string is itself (redacted, truncated), anything that renders to a
   * string (an enum, a {@code toString()}) is that string, and anything else is compact JSON text.
   */
  public String renderText(Object value) {
    Object tree = render(value);
    return tree instanceof String s ? s : JsonText.write(tree);
  }

  /**
   * Renders arguments as the JSON text of an object from parameter name to rendered value, in
   * parameter order. See {@link #renderArgumentMap}.
   */
  public String renderArguments(String[] names, Object[] values, boolean[] sensitive) {
    return argumentText(names, values, sensitive, true);
  }

  /**
   * Renders arguments like {@link #renderArguments}, with {@code secret} as the complete flags of
   * {@link #secretArguments}: parameter names are not checked again, which is what a caller that
   * renders the same method's arguments on every call wants.
   */
  public String renderPreparedArguments(String[] names, Object[] values, boolean[] secret) {
    return argumentText(names, values, secret, false);
  }

  /**
   * Returns, per parameter, whether its value is never recorded: marked {@code @Sensitive} ({@code
   * annotated}, or null for none) or named like a secret ({@link #isSensitiveName}). Work it out
   * once per method and pass it to {@link #renderPreparedArguments}.
   */
  public static boolean[] secretArguments(String[] names, boolean[] annotated) {
    boolean[] secret = new boolean[names.length];
    for (int i = 0; i < names.length; i++) {
      secret[i] = flagged(annotated, i) || (names[i] != null && isSensitiveName(names[i]));
    }
    return secret;
  }

  private static boolean flagged(boolean[] flags, int i) {
    return flags != null && i < flags.length && flags[i];
  }

  private String argumentText(
      String[] names, Object[] values, boolean[] sensitive, boolean checkNames) {
    if (values == null || values.length == 0) {
      return "{}";
    }
    // Written straight to text rather than through renderArgumentMap: this runs on every call of a
    // traced method, and the intermediate map cost more than the text itself.
    JsonTextBuffer out = null;
    try {
      // Strings, the usual arguments, are rendered here against the budget; a pass (which tracks
      // containers) is only made for the first argument that needs one, and takes over the budget.
      RenderPass pass = null;
      long remaining = totalBudget();
      out = JsonTextBuffer.borrow(argumentsCapacity(names, values));
      out.append('{');
      for (int i = 0; i < values.length; i++) {
        String name = names != null && i < names.length && names[i] != null ? names[i] : "arg" + i;
        boolean secret = flagged(sensitive, i) || (checkNames && isSensitiveName(name));
        if (i > 0) {
          out.append(',');
        }
        JsonText.appendString(out, name);
        out.append(':');
        Object value = values[i];
        if (secret) {
          JsonText.appendString(out, REDACTED);
        } else if (pass == null && value instanceof String s) {
          int limit = (int) Math.min(maxChars, Math.max(remaining, MIN_MAX_CHARS));
          if (s.length() <= limit && !redactor.hasExtraPatterns() && Strings.isPlain(s, true)) {
            out.appendQuoted(s);
            remaining -= s.length();
          } else {
            String rendered = text(s, limit);
            remaining -= rendered.length();
            JsonText.appendString(out, rendered);
          }
        } else {
          if (pass == null) {
            pass = new RenderPass(this, remaining);
          }
          JsonText.append(out, pass.render(value, 0));
        }
      }
      return out.append('}').toString();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return JsonText.write(Map.of("<not rendered>", e.getClass().getSimpleName()));
    } finally {
      if (out != null) {
        out.giveBack();
      }
    }
  }

  /** Returns room for the argument text when the arguments are short strings needing no escape. */
  private int argumentsCapacity(String[] names, Object[] values) {
    int capacity = 2; // {}
    for (int i = 0; i < values.length; i++) {
      String name = names != null && i < names.length ? names[i] : null;
      // Two pairs of quotes, a colon and a comma around each name and value.
      capacity += (name != null ? name.length() : 6) + 6;
      capacity += values[i] instanceof String s ? Math.min(s.length(), maxChars) : 16;
    }
    return Math.min(capacity, ARGUMENTS_TEXT_MAX_CAPACITY);
  }

  /**
   * Renders arguments as an unmodifiable map from parameter name to rendered value, in parameter
   * order; all arguments share one size budget.
   *
   * @param names the parameter names, or null (then {@code arg0}, {@code arg1}, ...)
   * @param values the arguments, or null for none
   * @param sensitive which parameters are {@code @Sensitive}, or null for none; those and the
   *     parameters with a secret's name ({@link #isSensitiveName}) become {@value #REDACTED}
   */
  public Map<String, Object> renderArgumentMap(
      String[] names, Object[] values, boolean[] sensitive) {
    return argumentMap(names, values, sensitive, true);
  }

  /**
   * Renders arguments like {@link #renderArgumentMap}, with {@code secret} as the complete flags of
   * {@link #secretArguments}: parameter names are not checked again.
   */
  public Map<String, Object> renderPreparedArgumentMap(
      String[] names, Object[] values, boolean[] secret) {
    return argumentMap(names, values, secret, false);
  }

  private Map<String, Object> argumentMap(
      String[] names, Object[] values, boolean[] sensitive, boolean checkNames) {
    if (values == null || values.length == 0) {
      return Map.of();
    }
    try {
      RenderPass pass = new RenderPass(this);
      Map<String, Object> out = new LinkedHashMap<>((int) (values.length / 0.75f) + 1);
      for (int i = 0; i < values.length; i++) {
        String name = names != null && i < names.length && names[i] != null ? names[i] : "arg" + i;
        boolean secret = flagged(sensitive, i) || (checkNames && isSensitiveName(name));
        out.put(name, secret ? REDACTED : pass.render(values[i], 0));
      }
      return Collections.unmodifiableMap(out);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return Map.of("<not rendered>", e.getClass().getSimpleName());
    }
  }

  /**
   * Returns {@code text} with secrets replaced by {@value #REDACTED}: OpenAI-style keys ({@code
   * sk-...}), the token after {@code Bearer}, AWS access key ids, GitHub, Slack and Google API
   * tokens, JWTs, and the matches of the extra patterns. Not truncated.
   *
   * @param text the text, or null
   * @return the redacted text, or null for null
   */
  public String redact(String text) {
    return text == null ? null : redactor.redact(text);
  }

  /** Returns the characters one rendered value may hold in all its strings. */
  long totalBudget() {
    return (long) BUDGET_FACTOR * maxChars;
  }

  /**
   * Returns {@code s} made safe to write as JSON (unpaired surrogates replaced), redacted and cut
   * at {@code limit} characters.
   */
  String text(String s, int limit) {
    int length = s.length();
    if (length <= limit) {
      if (!redactor.hasExtraPatterns() && Strings.isPlain(s, false)) {
        return s;
      }
      return redactor.redact(Strings.withoutBrokenSurrogates(s));
    }
    int window = (int) Math.min(length, (long) limit + REDACTION_OVERLAP);
    String redacted = redactor.redact(Strings.withoutBrokenSurrogates(s.substring(0, window)));
    int dropped = length - window;
    int cut = Math.min(limit, redacted.length());
    if (cut < redacted.length() && Character.isHighSurrogate(redacted.charAt(cut - 1))) {
      cut--;
    }
    dropped += redacted.length() - cut;
    if (dropped == 0) {
      return redacted;
    }
    return redacted.substring(0, cut) + "… [truncated " + dropped + " chars]";
  }

  /**
   * Returns the application's {@code value.toString()} within the bound, or a placeholder naming
   * what it threw or that it took too long; never throws.
   */
  String applicationToString(Object value) {
    return toStrings.call(value);
  }

  /** Returns {@code value.toString()}, or a placeholder naming what it threw; never throws. */
  static String safeToString(Object value) {
    try {
      String s = value.toString();
      return s != null ? s : "null";
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      return "<toString() threw " + t.getClass().getSimpleName() + ">";
    }
  }
}
