package dev.weft.weaver;

import dev.weft.data.Usage;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads the few well-known facts the engine takes from a result: token usage, a response id, a
 * guardrail's tripwire, an agent or tool name. Only no-argument accessors of the listed names are
 * called (records, plain getters, SDK response objects), found once per class and cached.
 */
final class ResultAccessors {
  private static final String[] USAGE = {"usage", "getUsage"};
  private static final String[] INPUT_TOKENS = {
    "inputTokens",
    "input_tokens",
    "promptTokens",
    "prompt_tokens",
    "getInputTokens",
    "getPromptTokens"
  };
  private static final String[] OUTPUT_TOKENS = {
    "outputTokens",
    "output_tokens",
    "completionTokens",
    "completion_tokens",
    "getOutputTokens",
    "getCompletionTokens"
  };
  private static final String[] ID = {"id", "getId", "responseId"};
  private static final String[] TRIGGERED = {
    "triggered", "tripwireTriggered", "isTriggered", "isTripwireTriggered", "getTriggered"
  };
  private static final String[] NAME = {"name", "getName"};
  private static final String[] MODEL = {"model", "getModel"};
  private static final String[] TOOLS = {"tools", "getTools"};
  private static final Object MISSING = new Object();

  private static final ClassValue<Map<String, Method>> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
          return new java.util.concurrent.ConcurrentHashMap<>();
        }
      };

  private ResultAccessors() {}

  /** Returns the token usage of a result ({@code usage()} with token counts), or null. */
  static Usage usage(Object result) {
    if (result == null) {
      return null;
    }
    Object usage = read(result, USAGE);
    if (usage == null || usage == MISSING) {
      return null;
    }
    Number input = number(read(usage, INPUT_TOKENS));
    Number output = number(read(usage, OUTPUT_TOKENS));
    if (input == null && output == null) {
      return null;
    }
    return Usage.of(input == null ? 0 : input.longValue(), output == null ? 0 : output.longValue());
  }

  /** Returns the response id of a result ({@code id()}), or null. */
  static String id(Object result) {
    return text(read(result, ID));
  }

  /** Returns the model named by a result ({@code model()}), or null. */
  static String model(Object result) {
    return text(read(result, MODEL));
  }

  /** Returns whether a guardrail result says it tripped: a boolean, or its {@code triggered()}. */
  static boolean triggered(Object result) {
    if (result instanceof Boolean b) {
      return b;
    }
    return read(result, TRIGGERED) instanceof Boolean b && b;
  }

  /** Returns the name a handoff result names: a string itself, or its {@code name()}; or null. */
  static String targetName(Object result) {
    if (result instanceof String s) {
      return s;
    }
    return text(read(result, NAME));
  }

  /**
   * Returns the tool names of an MCP listing: the elements of a collection or array (or of the
   * result's {@code tools()}), each a string or its {@code name()}.
   */
  static List<String> toolNames(Object result) {
    Object listing = result;
    if (!(listing instanceof Collection<?>) && !(listing instanceof Object[])) {
      listing = read(result, TOOLS);
    }
    Iterable<?> elements;
    if (listing instanceof Collection<?> collection) {
      elements = collection;
    } else if (listing instanceof Object[] array) {
      elements = List.of(array);
    } else {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Object element : elements) {
      if (element == null) {
        continue;
      }
      String name = element instanceof String s ? s : text(read(element, NAME));
      names.add(name != null ? name : String.valueOf(element));
    }
    return names;
  }

  private static String text(Object value) {
    return value == null || value == MISSING ? null : String.valueOf(value);
  }

  private static Number number(Object value) {
    return value instanceof Number n ? n : null;
  }

  /** Calls the first accessor of the given names that the value has; MISSING when none. */
  private static Object read(Object value, String[] names) {
    if (value == null) {
      return MISSING;
    }
    if (value instanceof Map<?, ?> map) {
      for (String name : names) {
        if (map.containsKey(name)) {
          return map.get(name);
        }
      }
      return MISSING;
    }
    Method accessor = accessor(value.getClass(), names);
    if (accessor == null) {
      return MISSING;
    }
    try {
      return accessor.invoke(value);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return MISSING;
    }
  }

  private static Method accessor(Class<?> type, String[] names) {
    Map<String, Method> cache = ACCESSORS.get(type);
    String key = names[0];
    Method cached = cache.get(key);
    if (cached == null) {
      cached = find(type, names);
      cache.put(key, cached);
    }
    return cached == NONE ? null : cached;
  }

  private static final Method NONE;

  static {
    try {
      NONE = Object.class.getMethod("hashCode");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static Method find(Class<?> type, String[] names) {
    for (String name : names) {
      Method method = publicAccessor(type, name);
      if (method != null) {
        return method;
      }
    }
    return NONE;
  }

  private static Method publicAccessor(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Method method = c.getDeclaredMethod(name);
        if (method.getReturnType() == void.class || Modifier.isStatic(method.getModifiers())) {
          return null;
        }
        if (!Modifier.isPublic(method.getModifiers())
            || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
          method.setAccessible(true);
        }
        return method;
      } catch (NoSuchMethodException e) {
        // Look further up.
      } catch (RuntimeException e) {
        return null;
      }
    }
    try {
      Method method = type.getMethod(name);
      return method.getReturnType() == void.class ? null : method;
    } catch (NoSuchMethodException | RuntimeException e) {
      return null;
    }
  }
}
