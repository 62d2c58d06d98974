package dev.weft.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The java agent's entry point ({@code Premain-Class} and {@code Agent-Class}).
 *
 * <p>Loads Weft's runtime (annotations, core, weaver, the installer and their relocated
 * dependencies, shipped inside the agent jar as {@value #BOOTSTRAP_JAR}) in a class loader of its
 * own ({@link AgentLoader}) and hands over to {@code AgentInstaller}, which makes every other
 * loader find the runtime there, so the code woven into any class reaches one copy of it. The
 * runtime is not put on the boot class path: the JVM would then give up class-data sharing for all
 * classes outside the boot loader, and say so on every start. This class refers to JDK types only:
 * nothing of Weft may be loaded before its loader exists, or it would be loaded twice.
 */
public final class WeftAgent {
  /** Where the runtime jar lies inside the agent jar. */
  static final String BOOTSTRAP_JAR = "META-INF/weft/weft-bootstrap.jar";

  /** Set once the agent is installed in this JVM, so a second attach does nothing. */
  static final String INSTALLED_PROPERTY = "dev.weft.agent.installed";

  private WeftAgent() {}

  /** Called by the JVM for {@code -javaagent:weft-agent.jar[=options]}. */
  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  /** Called by the JVM when the agent is loaded into a running JVM ({@code attach}). */
  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, true);
  }

  private static void start(String agentArgs, Instrumentation instrumentation, boolean attached) {
    try {
      synchronized (WeftAgent.class) {
        if (System.getProperty(INSTALLED_PROPERTY) != null) {
          System.err.println("[weft] the agent is already installed in this JVM; nothing to do");
          return;
        }
        System.setProperty(INSTALLED_PROPERTY, "true");
      }
      JarFile runtime = null;
      ClassLoader loader = WeftAgent.class.getClassLoader();
      if (!runtimeOnBootClassPath()) {
        File file = extractRuntime();
        runtime = new JarFile(file, false);
        loader = new AgentLoader(file, runtime);
      }
      Class<?> installer = Class.forName("dev.weft.agent.AgentInstaller", true, loader);
      Method install =
          installer.getDeclaredMethod(
              "install", String.class, Instrumentation.class, boolean.class, JarFile.class);
      install.setAccessible(true);
      install.invoke(null, agentArgs, instrumentation, attached, runtime);
    } catch (Throwable t) {
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      System.err.println(
          "[weft] ERROR the agent could not start; the application runs untraced: " + cause);
    }
  }

  private static boolean runtimeOnBootClassPath() {
    try {
      Class.forName("dev.weft.weaver.WovenMethods", false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * Returns the runtime jar as a file: the copy an earlier start left in the cache when it is
   * intact, else a fresh copy. Copying it on every start would cost more than the rest of the
   * agent's file work together.
   */
  private static File extractRuntime() throws IOException {
    Path agentJar = agentJar();
    if (agentJar != null) {
      try (JarFile jar = new JarFile(agentJar.toFile())) {
        JarEntry entry = jar.getJarEntry(BOOTSTRAP_JAR);
        if (entry == null) {
          throw new IOException(BOOTSTRAP_JAR + " is missing from the agent jar");
        }
        File cached = RuntimeJarCache.find(entry);
        if (cached != null) {
          return cached;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          cached = RuntimeJarCache.store(entry, in);
        }
        if (cached != null) {
          return cached;
        }
      }
    }
    return temporaryCopy();
  }

  private static File temporaryCopy() throws IOException {
    Path file = Files.createTempFile("weft-bootstrap-", ".jar");
    file.toFile().deleteOnExit();
    try (InputStream in = WeftAgent.class.getClassLoader().getResourceAsStream(BOOTSTRAP_JAR)) {
      if (in == null) {
        throw new IOException(BOOTSTRAP_JAR + " is missing from the agent jar");
      }
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file.toFile();
  }

  /** Returns the agent jar this class was loaded from, or null when it is not a local jar. */
  private static Path agentJar() {
    try {
      java.security.CodeSource source = WeftAgent.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      Path path = Paths.get(source.getLocation().toURI());
      return Files.isRegularFile(path) ? path : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
