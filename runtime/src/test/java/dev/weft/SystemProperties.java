package dev.weft;

import java.util.HashMap;
import java.util.Map;

/** Sets system properties for one test and puts the old values back afterwards. */
public final class SystemProperties implements AutoCloseable {
  private final Map<String, String> saved = new HashMap<>();

  /** Sets {@code key} to {@code value} (null clears it) until {@link #close()}. */
  public SystemProperties set(String key, String value) {
    if (!saved.containsKey(key)) {
      saved.put(key, System.getProperty(key));
    }
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
    return this;
  }

  @Override
  public void close() {
    saved.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }
}
