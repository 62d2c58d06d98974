package dev.weft.data;

import java.util.Map;

/**
 * A span of the application's own kind: exported as {@code {"type":"custom","name","data"}}.
 *
 * @param name the span name
 * @param data facts by name (rendered values); never null
 */
public record CustomSpanData(String name, Map<String, Object> data) implements SpanData {

  /** Creates custom data, copying {@code data}. */
  public CustomSpanData {
    data = data == null ? Map.of() : Copies.map(data);
  }

  /** Returns custom data with a name and no facts. */
  public static CustomSpanData named(String name) {
    return new CustomSpanData(name, Map.of());
  }

  @Override
  public String type() {
    return "custom";
  }

  @Override
  public String displayName() {
    return name;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return data.isEmpty() ? this : new CustomSpanData(name, Map.of());
  }
}
