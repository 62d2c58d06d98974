package dev.weft.bootstrap;

import java.util.function.Predicate;

/**
 * Lets every class loader find Weft's runtime in the agent's own class loader. Defined in the boot
 * loader by the agent, and called from {@code ClassLoader.loadClass(String)}, where the agent
 * weaves it: a loader asked for a class of one of the runtime's packages answers with the agent's
 * copy before looking anywhere else. So the code woven into an application class, the application's
 * own use of Weft's API and the agent all meet one runtime, whichever loader defined the class, as
 * they would with the runtime on the boot class path, which the JVM cannot extend at run time
 * without giving up class-data sharing for every class outside the boot loader.
 *
 * <p>Refers to JDK types only, and loads no class while it answers.
 */
public final class AgentClasses {
  private static volatile ClassLoader agent;
  private static volatile Predicate<String> defines = name -> false;

  private AgentClasses() {}

  /**
   * Makes the runtime's classes answer from {@code loader}.
   *
   * @param loader the agent's class loader, or null for none
   * @param runtimeClasses whether a {@code dev.weft} class, by binary name, is one of the runtime's
   *     that every loader is to take from {@code loader}; asked without loading anything
   */
  public static void install(ClassLoader loader, Predicate<String> runtimeClasses) {
    defines = runtimeClasses;
    agent = loader;
  }

  /**
   * Returns the agent's class {@code name} when {@code requester} should take it from there, or
   * null to let the requester load the class as it would.
   *
   * @param requester the loader asked for the class
   * @param name the binary name of the class
   */
  public static Class<?> find(ClassLoader requester, String name) {
    ClassLoader runtime = agent;
    if (runtime == null || requester == runtime || name == null || !name.startsWith("dev.weft.")) {
      return null;
    }
    try {
      return defines.test(name) ? Class.forName(name, false, runtime) : null;
    } catch (Throwable t) {
      // The requester looks for the class as it would have; class loading never fails here.
      return null;
    }
  }
}
