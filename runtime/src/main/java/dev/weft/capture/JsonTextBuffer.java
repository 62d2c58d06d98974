package dev.weft.capture;

import java.util.Arrays;

/**
 * A growable buffer that JSON text is written into: the argument text of every traced call, so it
 * copies whole strings at once and checks nothing per character, which {@link StringBuilder} does
 * (coder and capacity on each append, and a range of a String is copied character by character).
 */
final class JsonTextBuffer {
  // The argument text of a traced call is copied out as a String once written, so one buffer per
  // thread serves every call: a fresh one was a fifth of what a call capturing two strings
  // allocated.
  private static final ThreadLocal<JsonTextBuffer> SPARE = new ThreadLocal<>();
  private static final int SPARE_CHARS = 256;
  // A thread's buffer grown past this for one long text is not kept at that size.
  private static final int KEPT_CHARS = 4096;

  private char[] chars;
  private int length;
  private boolean lent;

  JsonTextBuffer(int capacity) {
    chars = new char[Math.max(capacity, 16)];
  }

  /**
   * Returns this thread's buffer, empty and with room for {@code capacity} characters, or a new one
   * when this thread's is lent already (rendering an argument ran a traced method). Hand it back
   * with {@link #giveBack} once its text is taken.
   */
  static JsonTextBuffer borrow(int capacity) {
    JsonTextBuffer spare = SPARE.get();
    if (spare == null) {
      spare = new JsonTextBuffer(Math.max(capacity, SPARE_CHARS));
      try {
        SPARE.set(spare);
      } catch (UnsupportedOperationException e) {
        // A thread that refuses thread locals: a buffer per call, as before.
        return new JsonTextBuffer(capacity);
      }
    } else if (spare.lent) {
      return new JsonTextBuffer(capacity);
    } else if (spare.chars.length < capacity) {
      spare.chars = new char[capacity];
    }
    spare.lent = true;
    spare.length = 0;
    return spare;
  }

  /** Ends a {@link #borrow}: the buffer's text is no longer needed. */
  void giveBack() {
    lent = false;
    if (chars.length > KEPT_CHARS) {
      chars = new char[SPARE_CHARS];
    }
  }

  /** Appends one character. */
  JsonTextBuffer append(char c) {
    if (length == chars.length) {
      grow(1);
    }
    chars[length++] = c;
    return this;
  }

  /** Appends text as it is. */
  JsonTextBuffer append(String s) {
    int n = s.length();
    if (length + n > chars.length) {
      grow(n);
    }
    s.getChars(0, n, chars, length);
    length += n;
    return this;
  }

  /** Appends {@code s} in quotes: a JSON string literal of text known to need no escaping. */
  JsonTextBuffer appendQuoted(String s) {
    int n = s.length();
    if (length + n + 2 > chars.length) {
      grow(n + 2);
    }
    chars[length++] = '"';
    s.getChars(0, n, chars, length);
    length += n;
    chars[length++] = '"';
    return this;
  }

  /** Appends a range of text as it is. */
  JsonTextBuffer append(String s, int from, int to) {
    int n = to - from;
    if (length + n > chars.length) {
      grow(n);
    }
    s.getChars(from, to, chars, length);
    length += n;
    return this;
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }

  private void grow(int needed) {
    long wanted = Math.max((long) chars.length * 2, (long) length + needed);
    if (wanted > Integer.MAX_VALUE - 16) {
      throw new OutOfMemoryError("JSON text too long");
    }
    chars = Arrays.copyOf(chars, (int) wanted);
  }
}
