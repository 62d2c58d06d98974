package dev.weft.instrumentation.mcp;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the MCP SDK's objects by the names of their public accessors, so the instrumentation serves
 * every version of the SDK and links to none: an accessor a version lacks reads as null. The
 * methods and fields found are cached per class, and the cache goes with the class.
 */
final class Reflect {
  private static final Object MISSING = new Object();

  private static final ClassValue<Map<String, Object>> MEMBERS =
      new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private Reflect() {}

  /** Calls the public no-argument method {@code name} of {@code target}; null when it has none. */
  static Object call(Object target, String name) {
    if (target == null) {
      return null;
    }
    Object member =
        MEMBERS.get(target.getClass()).computeIfAbsent("()" + name, k -> method(target, name));
    if (member == MISSING) {
      return null;
    }
    try {
      Object value = ((Method) member).invoke(target);
      return value instanceof Optional<?> optional ? optional.orElse(null) : value;
    } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
      return null;
    }
  }

  /** Returns {@link #call} as text, or null. */
  static String text(Object target, String name) {
    Object value = call(target, name);
    return value == null ? null : value.toString();
  }

  /** Reads the field {@code name} declared by the object's class or a superclass; null if none. */
  static Object field(Object target, String name) {
    if (target == null) {
      return null;
    }
    Object member =
        MEMBERS.get(target.getClass()).computeIfAbsent("." + name, k -> findField(target, name));
    if (member == MISSING) {
      return null;
    }
    try {
      return ((Field) member).get(target);
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns a copy of the record {@code record} with its component {@code component} set to {@code
   * value}, made with the record's canonical constructor; null when {@code record} is not a record
   * with such a component or the constructor refuses the value.
   */
  static Object withComponent(Object record, String component, Object value) {
    if (record == null || !record.getClass().isRecord()) {
      return null;
    }
    try {
      RecordComponent[] components = record.getClass().getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      Object[] values = new Object[components.length];
      boolean found = false;
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        if (components[i].getName().equals(component)) {
          values[i] = value;
          found = true;
        } else {
          Method accessor = components[i].getAccessor();
          accessor.setAccessible(true);
          values[i] = accessor.invoke(record);
        }
      }
      if (!found) {
        return null;
      }
      Constructor<?> constructor = record.getClass().getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object method(Object target, String name) {
    try {
      Method method = target.getClass().getMethod(name);
      if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
        method.setAccessible(true);
      }
      return method;
    } catch (NoSuchMethodException | RuntimeException e) {
      return MISSING;
    }
  }

  private static Object findField(Object target, String name) {
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        // look further up
      } catch (RuntimeException e) {
        return MISSING;
      }
    }
    return MISSING;
  }
}
