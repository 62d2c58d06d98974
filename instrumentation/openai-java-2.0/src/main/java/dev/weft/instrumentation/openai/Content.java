package dev.weft.instrumentation.openai;

import dev.weft.Tracer;
import dev.weft.Tracing;
import dev.weft.capture.ValueRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether messages are recorded ({@code weft.include-sensitive-data}), and what is kept of them:
 * every text redacted and bounded as all captured values are, the structure (roles, ids, tool
 * names, content types) as it is.
 */
final class Content {
  /** Members that describe a message's structure rather than carry what was said. */
  private static final Set<String> STRUCTURE =
      Set.of("role", "type", "id", "tool_call_id", "name", "index", "detail", "format");

  private final boolean recorded;
  private final ValueRenderer renderer;

  private Content(boolean recorded, ValueRenderer renderer) {
    this.recorded = recorded;
    this.renderer = renderer;
  }

  /** Returns the setting of the tracer installed now. */
  static Content current() {
    Tracer tracer = Tracing.tracer();
    return new Content(tracer.includeSensitiveData(), tracer.valueRenderer());
  }

  /** Returns whether messages are recorded at all. */
  boolean recorded() {
    return recorded;
  }

  /** Returns a copy of a JSON value with every text that is not structure redacted and bounded. */
  Object scrub(Object json) {
    return scrub(json, null);
  }

  private Object scrub(Object json, String key) {
    if (json instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String name = String.valueOf(entry.getKey());
        copy.put(name, scrub(entry.getValue(), name));
      }
      return copy;
    }
    if (json instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(scrub(item, key));
      }
      return copy;
    }
    if (json instanceof String text && (key == null || !STRUCTURE.contains(key))) {
      return renderer.render(text);
    }
    return json;
  }
}
