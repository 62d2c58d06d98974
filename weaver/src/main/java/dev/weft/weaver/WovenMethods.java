package dev.weft.weaver;

import dev.weft.Tracing;
import dev.weft.internal.WeftLog;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The entry points of the code the java agent weaves into traced methods; not an application API.
 *
 * <p>At weave time every traced method is registered and gets a small int id, which the woven code
 * carries as a constant, so a call never looks its method up by reflection: the first call resolves
 * the {@link MethodDescriptor}, later calls read it from an array.
 */
public final class WovenMethods {
  private static final Object LOCK = new Object();
  private static final Map<String, Integer> IDS = new HashMap<>();
  private static volatile Entry[] entries = new Entry[0];

  private WovenMethods() {}

  /**
   * Registers a method about to be woven and returns its id; registering the same method again
   * returns the same id.
   *
   * @param typeName the binary name of the declaring type
   * @param methodName the method name
   * @param methodDescriptor the JVM method descriptor, e.g. {@code (Ljava/lang/String;)V}
   * @param parameterNames names from debug information (entries may be null), or null
   */
  public static int register(
      String typeName, String methodName, String methodDescriptor, String[] parameterNames) {
    String key = DescriptorFactory.key(typeName, methodName, methodDescriptor);
    synchronized (LOCK) {
      Integer known = IDS.get(key);
      if (known != null) {
        return known;
      }
      Entry[] current = entries;
      Entry[] grown = Arrays.copyOf(current, current.length + 1);
      grown[current.length] = new Entry(methodName, methodDescriptor, parameterNames);
      IDS.put(key, current.length);
      entries = grown;
      return current.length;
    }
  }

  /** Returns whether the agent has woven (or is weaving) the method of this registration key. */
  static boolean isRegistered(String methodKey) {
    synchronized (LOCK) {
      return IDS.containsKey(methodKey);
    }
  }

  /** Returns whether the woven call needs its argument array. */
  public static boolean needsArguments(int id, Class<?> type) {
    MethodDescriptor d = descriptor(id, type);
    return d != null && d.needsArguments(Tracing.includeSensitiveData());
  }

  /**
   * Opens the span of a woven call; returns the call handle, or null.
   *
   * @param args the arguments when {@link #needsArguments} said so, else null
   */
  public static Object enter(int id, Class<?> type, Object[] args) {
    MethodDescriptor d = descriptor(id, type);
    return d == null ? null : MethodSpanEngine.open(d, args);
  }

  /** Ends the span of a woven call; see {@link MethodSpanEngine#exit}. */
  public static Object exit(int id, Class<?> type, Object call, Object result, Throwable thrown) {
    if (call == null) {
      return result;
    }
    MethodDescriptor d = descriptor(id, type);
    return d == null ? result : MethodSpanEngine.exit(d, call, result, thrown);
  }

  private static MethodDescriptor descriptor(int id, Class<?> type) {
    Entry[] all = entries;
    if (id < 0 || id >= all.length) {
      return null;
    }
    Entry entry = all[id];
    MethodDescriptor d = entry.descriptor;
    if (d != null && entry.type.get() == type) {
      return d;
    }
    return resolve(entry, type);
  }

  private static MethodDescriptor resolve(Entry entry, Class<?> type) {
    Method method = entry.find(type);
    if (method == null) {
      return null;
    }
    MethodDescriptor d = MethodSpanEngine.descriptorFor(method, entry.parameterNames);
    d.markWovenByAgent();
    synchronized (entry) {
      // The first class to resolve an id keeps the fast path; another class of the same name (a
      // second class loader) resolves through the per-class cache.
      if (entry.descriptor == null) {
        entry.type = new WeakReference<>(type);
        entry.descriptor = d;
      }
    }
    return d;
  }

  /** One registered method. */
  private static final class Entry {
    private static final WeakReference<Class<?>> NO_TYPE = new WeakReference<>(null);

    final String methodName;
    final String methodDescriptor;
    final String[] parameterNames;
    volatile WeakReference<Class<?>> type = NO_TYPE;
    volatile MethodDescriptor descriptor;

    Entry(String methodName, String methodDescriptor, String[] parameterNames) {
      this.methodName = methodName;
      this.methodDescriptor = methodDescriptor;
      this.parameterNames = parameterNames == null ? null : parameterNames.clone();
    }

    Method find(Class<?> declaringType) {
      try {
        for (Method method : declaringType.getDeclaredMethods()) {
          if (method.getName().equals(methodName)
              && MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                  .toMethodDescriptorString()
                  .equals(methodDescriptor)) {
            return method;
          }
        }
      } catch (RuntimeException | LinkageError e) {
        WeftLog.debug("cannot read the methods of " + declaringType.getName() + ": " + e);
      }
      return null;
    }
  }
}
