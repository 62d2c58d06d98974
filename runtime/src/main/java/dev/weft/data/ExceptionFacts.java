package dev.weft.data;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code data} of an error made from an exception: {@code type}, the exception's class name,
 * and {@code stack}, its top frames as text (absent when it has none).
 *
 * <p>Reading and formatting stack frames costs microseconds, so the frames are read only when this
 * map is first read beyond its {@code type}, which is usually on an exporter's thread, not on the
 * application thread that recorded the exception. Until then the exception is held; afterwards only
 * the text. The map is immutable and its contents never change once computed; it is computed once,
 * whichever thread reads it first.
 */
final class ExceptionFacts extends AbstractMap<String, Object> {
  static final int MAX_STACK_FRAMES = 12;

  private final String type;
  private Throwable exception;
  private volatile Map<String, Object> facts;

  ExceptionFacts(String type, Throwable exception) {
    this.type = type;
    this.exception = exception;
  }

  /** Returns the exception's class name, without reading its frames. */
  String type() {
    return type;
  }

  @Override
  public Object get(Object key) {
    return "type".equals(key) ? type : facts().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return "type".equals(key) || facts().containsKey(key);
  }

  @Override
  public int size() {
    return facts().size();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return facts().entrySet();
  }

  private Map<String, Object> facts() {
    Map<String, Object> value = facts;
    if (value == null) {
      synchronized (this) {
        value = facts;
        if (value == null) {
          value = compute();
          facts = value;
          exception = null;
        }
      }
    }
    return value;
  }

  private Map<String, Object> compute() {
    Map<String, Object> map = new LinkedHashMap<>(4);
    map.put("type", type);
    StackTraceElement[] frames;
    try {
      frames = exception.getStackTrace();
    } catch (RuntimeException e) {
      frames = new StackTraceElement[0];
    }
    int count = Math.min(frames.length, MAX_STACK_FRAMES);
    if (count > 0) {
      String[] stack = new String[count];
      for (int i = 0; i < count; i++) {
        stack[i] = String.valueOf(frames[i]);
      }
      map.put("stack", List.of(stack));
    }
    return Collections.unmodifiableMap(map);
  }
}
