package dev.weft.agent;

import dev.weft.internal.WeftLog;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.method.MethodDescription;

/**
 * Weaves a class method by method when weaving it whole fails (a method grown past the JVM's size
 * limit by the advice, say), so one method that cannot be woven does not leave the rest of its
 * class untraced. The failing methods are left exactly as they were and logged at debug.
 *
 * <p>The span method matcher consults {@link #allows} and the transform listener reports failures
 * through {@link #failed}; both run on the thread that transforms the class.
 */
final class MethodByMethodRetry extends ResettableClassFileTransformer.WithDelegation {
  private static final ThreadLocal<Attempt> ATTEMPT = new ThreadLocal<>();

  MethodByMethodRetry(ResettableClassFileTransformer transformer) {
    super(transformer);
  }

  /**
   * Returns whether a span method may be woven in the attempt under way, noting it as a span
   * method.
   */
  static boolean allows(MethodDescription method) {
    Attempt attempt = ATTEMPT.get();
    if (attempt == null) {
      return true;
    }
    String key = method.getInternalName() + method.getDescriptor();
    if (attempt.allowed == null) {
      attempt.spanMethods.add(key);
      return true;
    }
    return attempt.allowed.contains(key);
  }

  /** Notes that weaving the class of the attempt under way failed. */
  static void failed() {
    Attempt attempt = ATTEMPT.get();
    if (attempt != null) {
      attempt.failed = true;
    }
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader classLoader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile)
      throws IllegalClassFormatException {
    return attempt(
        internalName,
        () ->
            classFileTransformer.transform(
                module,
                classLoader,
                internalName,
                classBeingRedefined,
                protectionDomain,
                classFile));
  }

  @Override
  public byte[] transform(
      ClassLoader classLoader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile)
      throws IllegalClassFormatException {
    return attempt(
        internalName,
        () ->
            classFileTransformer.transform(
                classLoader, internalName, classBeingRedefined, protectionDomain, classFile));
  }

  private byte[] attempt(String internalName, Weaving weaving) {
    Attempt previous = ATTEMPT.get();
    Attempt attempt = new Attempt();
    ATTEMPT.set(attempt);
    try {
      byte[] woven = weaveOnce(weaving, attempt);
      if (!attempt.failed || attempt.spanMethods.isEmpty()) {
        return woven;
      }
      return methodByMethod(internalName, weaving, attempt);
    } finally {
      if (previous == null) {
        ATTEMPT.remove();
      } else {
        ATTEMPT.set(previous);
      }
    }
  }

  private static byte[] methodByMethod(String internalName, Weaving weaving, Attempt attempt) {
    List<String> candidates = new ArrayList<>(attempt.spanMethods);
    Set<String> accepted = new HashSet<>();
    byte[] best = null;
    for (String candidate : candidates) {
      Set<String> trial = new HashSet<>(accepted);
      trial.add(candidate);
      attempt.allowed = trial;
      attempt.failed = false;
      byte[] woven = weaveOnce(weaving, attempt);
      if (!attempt.failed && woven != null) {
        accepted = trial;
        best = woven;
      } else if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
        WeftLog.debug(
            "method " + candidate + " of " + internalName + " cannot be woven; left as it is");
      }
    }
    return best;
  }

  /**
   * Weaves once. Byte Buddy reports a failure to the listener and then throws, which the JVM would
   * take as "no change"; here it marks the attempt failed instead.
   */
  private static byte[] weaveOnce(Weaving weaving, Attempt attempt) {
    try {
      return weaving.weave();
    } catch (IllegalClassFormatException | RuntimeException | LinkageError e) {
      attempt.failed = true;
      return null;
    }
  }

  /** One weaving of a class. */
  @FunctionalInterface
  private interface Weaving {
    byte[] weave() throws IllegalClassFormatException;
  }

  /** What one transformation of a class has seen. */
  private static final class Attempt {
    final Set<String> spanMethods = new LinkedHashSet<>();
    Set<String> allowed;
    boolean failed;
  }
}
