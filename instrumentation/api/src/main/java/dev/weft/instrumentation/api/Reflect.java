package dev.weft.instrumentation.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Reads the library's objects by the names of their public accessors, so one instrumentation serves
 * every version of the library and links to none: an accessor a version lacks reads as null. The
 * methods and fields found, and the answers of {@link #isA}, are cached per class, and the cache
 * goes with the class. These reads run for every model call and every streamed chunk an
 * instrumentation records, so a lookup that was answered before allocates nothing, and each call
 * site keeps an {@link Accessor}, which skips the lookup for the classes it has seen.
 */
public final class Reflect {
  private static final Object MISSING = new Object();

  private static final ClassValue<Members> MEMBERS =
      new ClassValue<>() {
        @Override
        protected Members computeValue(Class<?> type) {
          return new Members();
        }
      };

  private Reflect() {}

  /**
   * Returns an accessor of the public no-argument method {@code name}, for a call site to keep in a
   * constant.
   */
  public static Accessor accessor(String name) {
    return new Accessor(name);
  }

  /**
   * A public no-argument method read by name, through a public declaration when the class itself is
   * not public, {@code Optional}s unwrapped. It remembers the method of each of the first few
   * classes it is called on: a call on one of them costs a comparison of classes and a method
   * handle's call, not a lookup by class and name. A call site that meets more classes reads the
   * others through that lookup, allocating nothing.
   */
  public static final class Accessor {
    /** How many classes an accessor remembers; a call site sees one or a few. */
    private static final int REMEMBERED = 8;

    private final String name;
    // Replaced whole, never changed: a reader sees either the old array or the new one.
    private volatile Site[] sites = new Site[0];

    private Accessor(String name) {
      this.name = name;
    }

    /** Calls the method on {@code target}; null when it has none, or it fails. */
    public Object call(Object target) {
      if (target == null) {
        return null;
      }
      Class<?> type = target.getClass();
      Site[] known = sites;
      for (Site site : known) {
        if (site.type.get() == type) {
          Object handle = site.handle.get();
          if (handle != null) {
            return invoke(handle, target);
          }
        }
      }
      // Past the classes it remembers, a call site reads the others through the per-class cache.
      return invoke(known.length < REMEMBERED ? remember(type) : handle(type, name), target);
    }

    /** Returns {@link #call} as text, or null. */
    public String text(Object target) {
      Object value = call(target);
      return value == null ? null : value.toString();
    }

    /** Returns {@link #call} as a number, or null. */
    public Number number(Object target) {
      return call(target) instanceof Number number ? number : null;
    }

    private synchronized Object remember(Class<?> type) {
      Object handle = handle(type, name);
      Site[] known = sites;
      for (Site site : known) {
        if (site.type.get() == type) {
          return handle; // remembered by another thread meanwhile: not a second time
        }
      }
      if (known.length < REMEMBERED) {
        Site[] grown = Arrays.copyOf(known, known.length + 1);
        grown[known.length] = new Site(type, handle);
        sites = grown;
      }
      return handle;
    }

    /**
     * A class and its method's handle (or {@code MISSING}), both held weakly: the handle is kept by
     * the class's own cache, so neither outlives the class, nor keeps its class loader alive.
     */
    private static final class Site {
      final WeakReference<Class<?>> type;
      final WeakReference<Object> handle;

      Site(Class<?> type, Object handle) {
        this.type = new WeakReference<>(type);
        this.handle = new WeakReference<>(handle);
      }
    }
  }

  /** Returns the handle of the method {@code name} of {@code type}, or {@code MISSING}. */
  private static Object handle(Class<?> type, String name) {
    Map<String, Object> known = MEMBERS.get(type).methods;
    Object handle = known.get(name);
    return handle != null ? handle : known.computeIfAbsent(name, k -> methodHandle(type, name));
  }

  /** Calls a handle of {@link #methodHandle}; null for {@code MISSING} or when the call fails. */
  private static Object invoke(Object handle, Object target) {
    if (handle == MISSING) {
      return null;
    }
    try {
      Object value = (Object) ((MethodHandle) handle).invokeExact(target);
      return value instanceof Optional<?> optional ? optional.orElse(null) : value;
    } catch (Throwable e) {
      // As a reflective call would: whatever the library's accessor throws reads as null.
      return null;
    }
  }

  /** Reads the field {@code name} declared by the object's class or a superclass; null if none. */
  public static Object field(Object target, String name) {
    if (target == null) {
      return null;
    }
    Object member = member(MEMBERS.get(target.getClass()).fields, target, name, Reflect::findField);
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
  public static Object withComponent(Object record, String component, Object value) {
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

  /** Returns whether the object's class or one of its supertypes has this binary name. */
  public static boolean isA(Object target, String className) {
    if (target == null) {
      return false;
    }
    Map<String, Boolean> supertypes = MEMBERS.get(target.getClass()).supertypes;
    Boolean known = supertypes.get(className);
    if (known == null) {
      known = isA(target.getClass(), className);
      supertypes.put(className, known);
    }
    return known;
  }

  private static boolean isA(Class<?> type, String className) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
      for (Class<?> i : c.getInterfaces()) {
        if (isA(i, className)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Returns the member {@code name} of the target's class from {@code known}, found by {@code find}
   * the first time; a member found before costs a lookup and no allocation.
   */
  private static Object member(
      Map<String, Object> known,
      Object target,
      String name,
      BiFunction<Object, String, Object> find) {
    Object member = known.get(name);
    return member != null ? member : known.computeIfAbsent(name, k -> find.apply(target, name));
  }

  /**
   * Finds the public method {@code name} of {@code type}, through a public declaration when the
   * class itself is not public, as a handle taking and returning {@code Object}; {@code MISSING}
   * when there is none or it cannot be called.
   */
  private static Object methodHandle(Class<?> type, String name) {
    try {
      Method method = type.getMethod(name);
      if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
        Method declared = publicDeclaration(type, name);
        if (declared == null) {
          method.setAccessible(true);
        } else {
          method = declared;
        }
      }
      return MethodHandles.lookup()
          .unreflect(method)
          .asType(MethodType.methodType(Object.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return MISSING;
    }
  }

  /** Finds the method in a public supertype, whose declaration can be called from anywhere. */
  private static Method publicDeclaration(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(name);
        } catch (NoSuchMethodException e) {
          // look further up
        }
      }
      for (Class<?> i : c.getInterfaces()) {
        if (Modifier.isPublic(i.getModifiers())) {
          try {
            return i.getMethod(name);
          } catch (NoSuchMethodException e) {
            // look further
          }
        }
      }
    }
    return null;
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

  /** What is known of one class: its methods and fields by name, and which supertypes it has. */
  private static final class Members {
    final Map<String, Object> methods = new ConcurrentHashMap<>();
    final Map<String, Object> fields = new ConcurrentHashMap<>();
    final Map<String, Boolean> supertypes = new ConcurrentHashMap<>();
  }
}
