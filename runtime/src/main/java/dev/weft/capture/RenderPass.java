package dev.weft.capture;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One rendering of one captured value (or one argument list): holds the containers on the current
 * path, to cut cycles, and what is left of the size budget. Not thread-safe; one per call.
 */
final class RenderPass {

  /** How many containers deep values are rendered; a deeper container becomes a placeholder. */
  static final int MAX_DEPTH = 3;

  /** How many elements of a collection, map, array or record are rendered. */
  static final int MAX_ELEMENTS = 50;

  /** Longer big numbers are rendered as (truncated) text instead. */
  private static final int MAX_NUMBER_DIGITS = 1000;

  /** The budget units a number, boolean, null or container element costs. */
  private static final int SCALAR_COST = 4;

  private final ValueRenderer renderer;
  private final Object[] path = new Object[MAX_DEPTH];
  private long remaining;

  RenderPass(ValueRenderer renderer) {
    this(renderer, renderer.totalBudget());
  }

  /** Starts a pass with {@code remaining} left of the budget. */
  RenderPass(ValueRenderer renderer, long remaining) {
    this.renderer = renderer;
    this.remaining = remaining;
  }

  /** Renders a value found {@code depth} containers below the captured value. */
  Object render(Object value, int depth) {
    if (value == null) {
      remaining -= SCALAR_COST;
      return null;
    }
    if (value instanceof String s) {
      return text(s);
    }
    TypeInfo info = TypeInfo.of(value.getClass());
    switch (info.kind) {
      case SENSITIVE:
        return text(ValueRenderer.REDACTED);
      case CHAR_SEQUENCE:
      case CHARACTER:
      case TO_STRING:
        return text(ValueRenderer.safeToString(value));
      case APPLICATION_TO_STRING:
        return text(renderer.applicationToString(value));
      case BOOLEAN:
        remaining -= SCALAR_COST;
        return value;
      case INTEGRAL:
        remaining -= SCALAR_COST;
        return ((Number) value).longValue();
      case FLOATING:
        double d = ((Number) value).doubleValue();
        remaining -= SCALAR_COST;
        return Double.isFinite(d) ? (Object) d : Double.toString(d);
      case BIG_NUMBER:
        String digits = value.toString();
        remaining -= digits.length();
        return digits.length() <= MAX_NUMBER_DIGITS ? value : text(digits);
      case ENUM:
        return text(((Enum<?>) value).name());
      case OPTIONAL:
        return render(((Optional<?>) value).orElse(null), depth);
      case OPTIONAL_INT:
        OptionalInt oi = (OptionalInt) value;
        return render(oi.isPresent() ? (Object) (long) oi.getAsInt() : null, depth);
      case OPTIONAL_LONG:
        OptionalLong ol = (OptionalLong) value;
        return render(ol.isPresent() ? (Object) ol.getAsLong() : null, depth);
      case OPTIONAL_DOUBLE:
        OptionalDouble od = (OptionalDouble) value;
        return render(od.isPresent() ? (Object) od.getAsDouble() : null, depth);
      default:
        return container(value, info, depth);
    }
  }

  /** Renders a string, truncated to what is left of the budget and redacted. */
  String text(String s) {
    long limit = Math.min(renderer.maxChars(), Math.max(remaining, ValueRenderer.MIN_MAX_CHARS));
    String result = renderer.text(s, (int) limit);
    remaining -= result.length();
    return result;
  }

  /** Returns whether the budget is spent. */
  boolean exhausted() {
    return remaining <= 0;
  }

  /** Charges one container element to the budget. */
  void spendElement() {
    remaining--;
  }

  private Object container(Object value, TypeInfo info, int depth) {
    for (int i = 0; i < depth; i++) {
      if (path[i] == value) {
        return text("<cycle>");
      }
    }
    if (depth >= MAX_DEPTH) {
      return text(placeholder(value, info));
    }
    path[depth] = value;
    try {
      switch (info.kind) {
        case MAP:
          return map((Map<?, ?>) value, depth);
        case COLLECTION:
          return collection((Collection<?>) value, depth);
        case ARRAY:
          return ArrayElements.render(this, value, depth);
        default:
          return record(value, info, depth);
      }
    } catch (RuntimeException | StackOverflowError e) {
      return text(
          "<" + value.getClass().getSimpleName() + ": " + e.getClass().getSimpleName() + ">");
    } finally {
      path[depth] = null;
    }
  }

  private Object collection(Collection<?> collection, int depth) {
    int size = collection.size();
    List<Object> out = new ArrayList<>(Math.min(size, MAX_ELEMENTS) + 1);
    int rendered = 0;
    for (Object element : collection) {
      if (rendered == MAX_ELEMENTS || exhausted()) {
        break;
      }
      out.add(render(element, depth + 1));
      remaining--;
      rendered++;
    }
    if (rendered < size) {
      out.add(more(size - rendered));
    }
    return Collections.unmodifiableList(out);
  }

  private Object map(Map<?, ?> map, int depth) {
    int size = map.size();
    Map<String, Object> out = new LinkedHashMap<>(capacity(Math.min(size, MAX_ELEMENTS) + 1));
    int rendered = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (rendered == MAX_ELEMENTS || exhausted()) {
        break;
      }
      String name = keyText(entry.getKey());
      boolean secret = SensitiveNames.isSensitive(name);
      out.put(name, secret ? text(ValueRenderer.REDACTED) : render(entry.getValue(), depth + 1));
      remaining--;
      rendered++;
    }
    if (rendered < size) {
      out.put("...", (size - rendered) + " more");
    }
    return Collections.unmodifiableMap(out);
  }

  private String keyText(Object key) {
    if (key == null) {
      return "null";
    } else if (key instanceof String s) {
      return text(s);
    }
    TypeInfo.Kind kind = TypeInfo.of(key.getClass()).kind;
    if (kind == TypeInfo.Kind.SENSITIVE) {
      return ValueRenderer.REDACTED;
    } else if (kind == TypeInfo.Kind.APPLICATION_TO_STRING) {
      return text(renderer.applicationToString(key));
    }
    return text(ValueRenderer.safeToString(key));
  }

  private Object record(Object value, TypeInfo info, int depth) {
    Map<String, Object> out = new LinkedHashMap<>(capacity(info.componentNames.length));
    for (int i = 0; i < info.componentNames.length; i++) {
      if (i == MAX_ELEMENTS || exhausted()) {
        out.put("...", (info.componentNames.length - i) + " more");
        break;
      }
      Object component;
      if (info.componentRedacted[i]) {
        component = text(ValueRenderer.REDACTED);
      } else {
        component = render(accessorValue(value, info, i), depth + 1);
      }
      out.put(info.componentNames[i], component);
      remaining--;
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object accessorValue(Object record, TypeInfo info, int i) {
    try {
      return info.accessors[i].invoke(record);
    } catch (InvocationTargetException e) {
      return "<"
          + info.componentNames[i]
          + "() threw "
          + e.getCause().getClass().getSimpleName()
          + ">";
    } catch (IllegalAccessException | RuntimeException e) {
      return "<" + info.componentNames[i] + "() failed: " + e.getClass().getSimpleName() + ">";
    }
  }

  /** Returns the marker that ends a cut list: {@code "... 12 more"}. */
  static String more(int count) {
    return "... " + count + " more";
  }

  private static String placeholder(Object value, TypeInfo info) {
    try {
      switch (info.kind) {
        case MAP:
          return "[Map of " + ((Map<?, ?>) value).size() + "]";
        case COLLECTION:
          return "[" + collectionLabel(value) + " of " + ((Collection<?>) value).size() + "]";
        case ARRAY:
          return "[Array of " + java.lang.reflect.Array.getLength(value) + "]";
        default:
          return "[" + value.getClass().getSimpleName() + "]";
      }
    } catch (RuntimeException e) {
      return "<depth limit>";
    }
  }

  private static String collectionLabel(Object value) {
    return value instanceof java.util.Set<?> ? "Set" : "List";
  }

  private static int capacity(int entries) {
    return (int) (entries / 0.75f) + 1;
  }
}
