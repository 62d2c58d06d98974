package dev.weft.instrumentation.openai;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * openai-java's request bodies, results and stream chunks as plain maps and lists, in the shape
 * they have on the wire: each is converted by the library's own Jackson mapper ({@code
 * com.openai.core.ObjectMappers.jsonMapper()}), found by reflection in the class loader of the
 * object, so the instrumentation needs neither Jackson nor openai-java on its own class path and
 * reads every version the same way.
 */
final class Json {
  /** The mapper and its {@code convertValue(Object, Class)} per class of converted object. */
  private static final ClassValue<Converter> CONVERTERS =
      new ClassValue<>() {
        @Override
        protected Converter computeValue(Class<?> type) {
          return Converter.find(type.getClassLoader());
        }
      };

  private Json() {}

  /** Returns the object as a JSON object, or null when it is null or cannot be converted. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    if (value == null) {
      return null;
    }
    Converter converter = CONVERTERS.get(value.getClass());
    if (converter == null) {
      return null;
    }
    Object converted = converter.convert(value);
    return converted instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }

  /** Returns the member at {@code path} of nested JSON objects, or null. */
  static Object at(Object json, String... path) {
    Object value = json;
    for (String key : path) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(key);
    }
    return value;
  }

  /** Returns {@link #at} as a JSON object, or null. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> objectAt(Object json, String... path) {
    return at(json, path) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }

  /** Returns {@link #at} as a list, empty when it is none. */
  static List<?> listAt(Object json, String... path) {
    return at(json, path) instanceof List<?> list ? list : List.of();
  }

  /** Returns {@link #at} as text (a string member only), or null. */
  static String textAt(Object json, String... path) {
    return at(json, path) instanceof String text ? text : null;
  }

  /** Returns {@link #at} as a number, or null. */
  static Number numberAt(Object json, String... path) {
    return at(json, path) instanceof Number number ? number : null;
  }

  /** openai-java's mapper in one class loader. */
  private record Converter(Object mapper, Method convertValue) {
    static Converter find(ClassLoader loader) {
      try {
        Class<?> mappers = Class.forName("com.openai.core.ObjectMappers", false, loader);
        Object mapper = mappers.getMethod("jsonMapper").invoke(null);
        Method convert = mapper.getClass().getMethod("convertValue", Object.class, Class.class);
        return new Converter(mapper, convert);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return null;
      }
    }

    Object convert(Object value) {
      try {
        return convertValue.invoke(mapper, value, Map.class);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }
}
