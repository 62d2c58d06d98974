package dev.weft.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The advice classes of the agent's hooks, each read once: reading one is a good part of a weave,
 * and one advice serves several hooks and every class a hook names (the implementations of an
 * interface's methods). Classes are woven on whichever thread loads them, so this is shared between
 * threads.
 */
final class AdviceClasses {
  private final ClassFileLocator locator;
  private final Map<Class<?>, Advice> read = new ConcurrentHashMap<>();

  /** Reads advice classes through {@code locator}. */
  AdviceClasses(ClassFileLocator locator) {
    this.locator = locator;
  }

  /** Returns the advice of {@code type}, read at its first use. */
  Advice of(Class<?> type) {
    return read.computeIfAbsent(
        type, adviceType -> Advice.to(TypeDescription.ForLoadedType.of(adviceType), locator));
  }
}
