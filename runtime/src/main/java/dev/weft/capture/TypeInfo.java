package dev.weft.capture;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.EventObject;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the renderer needs to know about a class, worked out once per class and cached in a {@link
 * ClassValue}, so rendering a value does no reflection lookups.
 */
final class TypeInfo {

  /** How values of a class are rendered. */
  enum Kind {
    SENSITIVE,
    CHAR_SEQUENCE,
    BOOLEAN,
    INTEGRAL,
    FLOATING,
    BIG_NUMBER,
    CHARACTER,
    ENUM,
    RECORD,
    OPTIONAL,
    OPTIONAL_INT,
    OPTIONAL_LONG,
    OPTIONAL_DOUBLE,
    MAP,
    COLLECTION,
    ARRAY,
    /** Rendered by a {@code toString()} that runs JDK code only, called on the calling thread. */
    TO_STRING,
    /** Rendered by a {@code toString()} of the application's, called within a time bound. */
    APPLICATION_TO_STRING
  }

  private static final String SENSITIVE_ANNOTATION = "dev.weft.annotations.Sensitive";

  /**
   * JDK classes whose {@code toString()} shows the objects they hold, and so calls the
   * application's {@code toString()} of those.
   */
  private static final Class<?>[] HOLDERS = {
    Map.Entry.class,
    AtomicReference.class,
    AtomicReferenceArray.class,
    FutureTask.class,
    EventObject.class
  };

  private static final ClassValue<TypeInfo> CACHE =
      new ClassValue<>() {
        @Override
        protected TypeInfo computeValue(Class<?> type) {
          return inspect(type);
        }
      };

  final Kind kind;

  /** For records whose accessors can be called: component names, accessors, redacted flags. */
  final String[] componentNames;

  final Method[] accessors;
  final boolean[] componentRedacted;

  private TypeInfo(
      Kind kind, String[] componentNames, Method[] accessors, boolean[] componentRedacted) {
    this.kind = kind;
    this.componentNames = componentNames;
    this.accessors = accessors;
    this.componentRedacted = componentRedacted;
  }

  private TypeInfo(Kind kind) {
    this(kind, null, null, null);
  }

  /** Returns the cached information about {@code type}. */
  static TypeInfo of(Class<?> type) {
    return CACHE.get(type);
  }

  private static TypeInfo inspect(Class<?> type) {
    if (isSensitiveType(type)) {
      return new TypeInfo(Kind.SENSITIVE);
    }
    if (type.isRecord()) {
      return inspectRecord(type);
    }
    return new TypeInfo(kindOf(type));
  }

  private static Kind kindOf(Class<?> type) {
    if (CharSequence.class.isAssignableFrom(type)) {
      return runsJdkCodeOnly(type) ? Kind.CHAR_SEQUENCE : Kind.APPLICATION_TO_STRING;
    } else if (type == Boolean.class) {
      return Kind.BOOLEAN;
    } else if (type == Long.class
        || type == Integer.class
        || type == Short.class
        || type == Byte.class
        || type == AtomicInteger.class
        || type == AtomicLong.class) {
      return Kind.INTEGRAL;
    } else if (type == Double.class || type == Float.class) {
      return Kind.FLOATING;
    } else if (type == BigDecimal.class || type == BigInteger.class) {
      return Kind.BIG_NUMBER;
    } else if (type == Character.class) {
      return Kind.CHARACTER;
    } else if (Enum.class.isAssignableFrom(type)) {
      return Kind.ENUM;
    } else if (type == Optional.class) {
      return Kind.OPTIONAL;
    } else if (type == OptionalInt.class) {
      return Kind.OPTIONAL_INT;
    } else if (type == OptionalLong.class) {
      return Kind.OPTIONAL_LONG;
    } else if (type == OptionalDouble.class) {
      return Kind.OPTIONAL_DOUBLE;
    } else if (Map.class.isAssignableFrom(type)) {
      return Kind.MAP;
    } else if (Collection.class.isAssignableFrom(type)) {
      return Kind.COLLECTION;
    } else if (type.isArray()) {
      return Kind.ARRAY;
    }
    return runsJdkCodeOnly(type) ? Kind.TO_STRING : Kind.APPLICATION_TO_STRING;
  }

  /**
   * Returns whether {@code toString()} of {@code type} runs JDK code only: it is declared by a
   * class of a JDK module ({@code Object}'s only when {@code hashCode()}, which it calls, is too),
   * and the class does not show objects it holds. A proxy's methods are its handler's, and a proxy
   * class lies in no JDK module.
   */
  static boolean runsJdkCodeOnly(Class<?> type) {
    try {
      for (Class<?> holder : HOLDERS) {
        if (holder.isAssignableFrom(type)) {
          return false;
        }
      }
      Class<?> declaring = type.getMethod("toString").getDeclaringClass();
      if (declaring == Object.class) {
        declaring = type.getMethod("hashCode").getDeclaringClass();
      }
      return isJdk(declaring);
    } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static boolean isJdk(Class<?> type) {
    Module module = type.getModule();
    String name = module.getName();
    return module.isNamed()
        && module.getLayer() == ModuleLayer.boot()
        && (name.startsWith("java.") || name.startsWith("jdk."));
  }

  /**
   * Records are rendered by their components. When the accessors cannot be called (a record of a
   * module that is not open to Weft) the record falls back to {@code toString()}, unless one of its
   * components is secret, in which case the whole record is redacted: its {@code toString()} would
   * show the secret.
   */
  private static TypeInfo inspectRecord(Class<?> type) {
    RecordComponent[] components;
    try {
      components = type.getRecordComponents();
    } catch (RuntimeException | LinkageError e) {
      return new TypeInfo(Kind.APPLICATION_TO_STRING);
    }
    int n = components.length;
    String[] names = new String[n];
    Method[] accessors = new Method[n];
    boolean[] redacted = new boolean[n];
    boolean anyRedacted = false;
    boolean accessible = true;
    for (int i = 0; i < n; i++) {
      names[i] = components[i].getName();
      accessors[i] = components[i].getAccessor();
      redacted[i] =
          SensitiveNames.isSensitive(names[i])
              || hasSensitiveAnnotation(accessors[i].getDeclaredAnnotations());
      anyRedacted |= redacted[i];
      try {
        accessors[i].setAccessible(true);
      } catch (RuntimeException e) {
        accessible = false;
      }
    }
    if (!accessible) {
      return new TypeInfo(anyRedacted ? Kind.SENSITIVE : Kind.APPLICATION_TO_STRING);
    }
    return new TypeInfo(Kind.RECORD, names, accessors, redacted);
  }

  /**
   * Returns whether the class, a superclass or an implemented interface carries {@code @Sensitive}.
   * The annotation is matched by name, so a copy loaded by another class loader counts too.
   */
  static boolean isSensitiveType(Class<?> type) {
    try {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        if (hasSensitiveAnnotation(c.getDeclaredAnnotations()) || anyInterfaceSensitive(c)) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static boolean anyInterfaceSensitive(Class<?> type) {
    for (Class<?> i : type.getInterfaces()) {
      if (hasSensitiveAnnotation(i.getDeclaredAnnotations()) || anyInterfaceSensitive(i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasSensitiveAnnotation(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (SENSITIVE_ANNOTATION.equals(annotation.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }
}
