package dev.weft.capture;

import java.util.Arrays;

/**
 * A growable buffer that JSON text is written into: the argument text of every traced call, so it
 * copies whole strings at once and checks nothing per character, which {@link StringBuilder} does
 * (coder and capacity on each append, and a range of a String is copied character by character).
 */
final class JsonTextBuffer {
  private char[] chars;
  private int length;

  JsonTextBuffer(int capacity) {
    chars = new char[Math.max(capacity, 16)];
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
