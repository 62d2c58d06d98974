package dev.weft.agent;

import dev.weft.internal.ExternalContexts;
import dev.weft.internal.WeftLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Watches the class loaders that load application classes for the first one that sees
 * OpenTelemetry's API ({@code io/opentelemetry/context/Context.class}, looked up as a resource, so
 * nothing of OpenTelemetry is loaded by the check), and then installs the bridge to OpenTelemetry's
 * context for it ({@link OpenTelemetryBridge}).
 *
 * <p>Each class loader is checked once; a class load in the same loader as the one before costs a
 * reference comparison. Once a loader is found the transformer takes itself out.
 */
final class OpenTelemetryDetection implements ClassFileTransformer {
  static final String API_MARKER = "io/opentelemetry/context/Context.class";

  private final Instrumentation instrumentation;
  private final ClassFileLocator bridgeClasses;
  private final Map<ClassLoader, Boolean> checked = new WeakHashMap<>();
  private volatile WeakReference<ClassLoader> lastChecked = new WeakReference<>(null);
  private volatile boolean found;

  private OpenTelemetryDetection(Instrumentation instrumentation, ClassFileLocator bridgeClasses) {
    this.instrumentation = instrumentation;
    this.bridgeClasses = bridgeClasses;
  }

  /**
   * Starts watching class loading; when the agent was attached late, the loaders of the classes
   * loaded already are checked first.
   */
  static void install(
      Instrumentation instrumentation, ClassFileLocator bridgeClasses, boolean attached) {
    OpenTelemetryDetection detection = new OpenTelemetryDetection(instrumentation, bridgeClasses);
    if (attached) {
      for (Class<?> type : instrumentation.getAllLoadedClasses()) {
        detection.check(type.getClassLoader());
        if (detection.found) {
          return;
        }
      }
    }
    instrumentation.addTransformer(detection);
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (!found && loader != null && loader != lastChecked.get()) {
      try {
        check(loader);
      } catch (Throwable t) {
        WeftLog.debug("could not look for OpenTelemetry in " + loader + ": " + t);
      }
    }
    return null;
  }

  private void check(ClassLoader loader) {
    if (loader == null || found || ignored(loader)) {
      return;
    }
    synchronized (checked) {
      if (found || checked.put(loader, Boolean.TRUE) != null) {
        return;
      }
      lastChecked = new WeakReference<>(loader);
      if (loader.getResource(API_MARKER) == null) {
        return;
      }
      found = true;
    }
    ExternalContexts.install(new OpenTelemetryBridge(loader, bridgeClasses));
    instrumentation.removeTransformer(this);
    WeftLog.debug("OpenTelemetry's API found in " + loader + "; Weft traces join its traces");
  }

  /** Class loaders of other agents and of the JDK, which never hold the application's API. */
  private static boolean ignored(ClassLoader loader) {
    String type = loader.getClass().getName();
    return loader == ClassLoader.getPlatformClassLoader()
        || type.startsWith("io.opentelemetry.javaagent.")
        || type.startsWith("jdk.internal.reflect.")
        || type.startsWith("dev.weft.");
  }
}
