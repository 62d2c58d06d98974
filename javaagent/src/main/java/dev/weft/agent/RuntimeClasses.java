package dev.weft.agent;

import dev.weft.bootstrap.AgentClasses;
import dev.weft.bootstrap.ContextHooks;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Connects the runtime, loaded by the agent's own class loader, to the rest of the JVM: defines the
 * classes of {@code dev.weft.bootstrap} in the boot loader (without extending the boot class path,
 * which would cost the application its class-data sharing), tells {@link AgentClasses} which
 * classes every loader is to take from the agent, and installs the runtime's {@link ContextHooks}.
 */
final class RuntimeClasses {
  private static final String BOOTSTRAP_PREFIX = "dev/weft/bootstrap/";

  /** The classes of {@code dev.weft.bootstrap}, which the agent defines in the boot loader. */
  static final List<String> BOOT_LOADER_CLASSES =
      List.of("dev.weft.bootstrap.AgentClasses", "dev.weft.bootstrap.ContextHooks");

  /**
   * Packages of the runtime jar that other loaders must not take from the agent: the OpenTelemetry
   * bridge is defined next to the application's OpenTelemetry API, never by the agent's loader.
   */
  private static final String[] OWN_LOADER = {"dev/weft/instrumentation/opentelemetry/"};

  private RuntimeClasses() {}

  /**
   * Defines the boot loader classes and lets every loader find the runtime's classes in {@code
   * loader}. Must run before any class of {@code dev.weft.bootstrap} is loaded.
   *
   * @param instrumentation the JVM's instrumentation, which opens the JDK's class definition to the
   *     agent
   * @param runtime the runtime jar
   * @param loader the agent's class loader, which reads {@code runtime}
   * @throws IllegalStateException when the boot loader classes cannot be defined
   */
  static void connect(Instrumentation instrumentation, JarFile runtime, ClassLoader loader) {
    try {
      defineInBootLoader(instrumentation, runtime, BOOT_LOADER_CLASSES);
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot define Weft's classes in the boot loader", e);
    }
    Hooks.install(loader, name -> isRuntimeClass(runtime, name));
  }

  /** Installs the runtime's {@link ContextHooks} when the runtime is on the boot class path. */
  static void installContextHooks() {
    Hooks.installContextHooks();
  }

  /** Whether {@code name}, a {@code dev.weft} class, is one the agent's loader defines. */
  private static boolean isRuntimeClass(JarFile runtime, String name) {
    String path = name.replace('.', '/');
    return !path.startsWith(BOOTSTRAP_PREFIX)
        && !isOwnLoader(path)
        && runtime.getEntry(path.concat(".class")) != null;
  }

  /**
   * Installs the runtime in the boot loader classes. A class of its own, loaded only once those are
   * defined: verifying a method that hands a {@link JdkContextHooks} to {@link ContextHooks} loads
   * both classes, and loaded before their definition they would be looked for in the agent's jar.
   */
  private static final class Hooks {
    private Hooks() {}

    static void install(ClassLoader loader, Predicate<String> runtimeClasses) {
      AgentClasses.install(loader, runtimeClasses);
      installContextHooks();
    }

    static void installContextHooks() {
      ContextHooks.install(new JdkContextHooks());
    }
  }

  /**
   * Defines {@code names}, read from {@code runtime}, in the boot loader: through the JDK's own
   * class definition, which the instrumentation exports to the agent's module for this. Byte
   * Buddy's injector would do the same through a class it generates first, which costs the start-up
   * several hundred more classes.
   */
  private static void defineInBootLoader(
      Instrumentation instrumentation, JarFile runtime, List<String> names)
      throws IOException, ReflectiveOperationException {
    String internal = "jdk.internal.misc";
    instrumentation.redefineModule(
        Object.class.getModule(),
        Set.of(),
        Map.of(internal, Set.of(RuntimeClasses.class.getModule())),
        Map.of(),
        Set.of(),
        Map.of());
    Class<?> unsafeType = Class.forName(internal + ".Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeType.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    for (String name : names) {
      JarEntry entry = runtime.getJarEntry(name.replace('.', '/') + ".class");
      byte[] bytes;
      try (InputStream in = runtime.getInputStream(entry)) {
        bytes = in.readAllBytes();
      }
      define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
    }
  }

  private static boolean isOwnLoader(String path) {
    for (String prefix : OWN_LOADER) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
