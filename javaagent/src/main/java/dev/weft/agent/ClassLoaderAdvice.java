package dev.weft.agent;

import dev.weft.bootstrap.AgentClasses;
import net.bytebuddy.asm.Advice;

/**
 * The code woven into {@code ClassLoader.loadClass(String)}, through which the JVM resolves every
 * class a loader's classes refer to: a class of Weft's runtime is answered from the agent's class
 * loader ({@link AgentClasses}); any other class loads as before. Inlined into a JDK class, so it
 * refers only to what the agent defines in the boot loader.
 */
final class ClassLoaderAdvice {
  private ClassLoaderAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Class<?> enter(@Advice.This ClassLoader loader, @Advice.Argument(0) String name) {
    return AgentClasses.find(loader, name);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Enter Class<?> found, @Advice.Return(readOnly = false) Class<?> result) {
    if (found != null) {
      result = found;
    }
  }
}
