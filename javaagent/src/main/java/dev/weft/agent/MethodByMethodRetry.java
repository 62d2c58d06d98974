package dev.weft.agent;

import dev.weft.internal.WeftLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;

/**
 * Weaves a class method by method when weaving it whole fails (a method grown past the JVM's size
 * limit by the advice, say), so one method that cannot be woven does not leave the rest of its
 * class untraced. The failing methods are left exactly as they were and logged at debug.
 *
 * <p>The span method matcher consults {@link #allows} on the thread that transforms the class.
 */
final class MethodByMethodRetry implements ClassFileTransformer {
  private static final ThreadLocal<Attempt> ATTEMPT = new ThreadLocal<>();

  private final WeavingTransformer weaving;
  private volatile Runnable onFirstWeave;

  MethodByMethodRetry(WeavingTransformer weaving) {
    this.weaving = weaving;
  }

  /**
   * Runs {@code action} after the first class this transformer weaves, on the thread that loads it;
   * two classes woven at once may both run it.
   */
  void onFirstWeave(Runnable action) {
    onFirstWeave = action;
  }

  /** Returns the transformer this one retries, for the loaded-class scan of an attach. */
  WeavingTransformer weaving() {
    return weaving;
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

  @Override
  public byte[] transform(
      ClassLoader classLoader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    // Most classes stop here, before anything is allocated for them.
    if (!weaving.mayWeave(classLoader, internalName)) {
      return null;
    }
    Attempt previous = ATTEMPT.get();
    Attempt attempt = new Attempt();
    ATTEMPT.set(attempt);
    try {
      byte[] woven = weaveOnce(classLoader, internalName, classFile, attempt);
      if (attempt.failed && !attempt.spanMethods.isEmpty()) {
        woven = methodByMethod(classLoader, internalName, classFile, attempt);
      }
      if (woven != null && onFirstWeave != null) {
        Runnable first = onFirstWeave;
        onFirstWeave = null;
        if (first != null) {
          first.run();
        }
      }
      return woven;
    } finally {
      if (previous == null) {
        ATTEMPT.remove();
      } else {
        ATTEMPT.set(previous);
      }
    }
  }

  private byte[] methodByMethod(
      ClassLoader classLoader, String internalName, byte[] classFile, Attempt attempt) {
    List<String> candidates = new ArrayList<>(attempt.spanMethods);
    Set<String> accepted = new HashSet<>();
    byte[] best = null;
    for (String candidate : candidates) {
      Set<String> trial = new HashSet<>(accepted);
      trial.add(candidate);
      attempt.allowed = trial;
      attempt.failed = false;
      byte[] woven = weaveOnce(classLoader, internalName, classFile, attempt);
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

  /** Weaves once; a failure marks the attempt failed and answers null (no change). */
  private byte[] weaveOnce(
      ClassLoader classLoader, String internalName, byte[] classFile, Attempt attempt) {
    try {
      return weaving.weave(classLoader, internalName, classFile);
    } catch (RuntimeException | LinkageError e) {
      attempt.failed = true;
      if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
        WeftLog.debug("cannot weave " + internalName.replace('/', '.') + " whole: " + e);
      }
      return null;
    }
  }

  /** What one transformation of a class has seen. */
  private static final class Attempt {
    final Set<String> spanMethods = new LinkedHashSet<>();
    Set<String> allowed;
    boolean failed;
  }
}
