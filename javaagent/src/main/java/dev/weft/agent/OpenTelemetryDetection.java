package dev.weft.agent;

import dev.weft.Scope;
import dev.weft.internal.ExternalContext;
import dev.weft.internal.ExternalContexts;
import dev.weft.internal.WeftLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Finds the first application class loader that sees OpenTelemetry's API ({@code
 * io/opentelemetry/context/Context.class}, looked up as a resource, so nothing of OpenTelemetry is
 * loaded by the check) and then installs the bridge to OpenTelemetry's context for it ({@link
 * OpenTelemetryBridge}).
 *
 * <p>While classes load, the loaders that define them are only noted: a class load in the same
 * loader as the one before costs a reference comparison, one in a new loader a weak map entry. The
 * resource lookups wait for the first trace, which is the first moment a bridge is needed: a miss
 * in a large class path (a Spring Boot fat jar's loader searches every nested jar) is costly, and
 * frameworks create many short-lived loaders while they start, most of them gone by then. Until
 * then this is installed as the runtime's external context; once it has looked, it installs the
 * bridge or nothing, so a JVM without OpenTelemetry goes back to a null check, and a loader that
 * appears later arms it again.
 */
final class OpenTelemetryDetection implements ClassFileTransformer, ExternalContext {
  static final String API_MARKER = "io/opentelemetry/context/Context.class";

  private final Instrumentation instrumentation;
  private final ClassFileLocator bridgeClasses;

  /** Every loader seen, true once looked into. */
  private final Map<ClassLoader, Boolean> loaders = new WeakHashMap<>();

  private volatile WeakReference<ClassLoader> lastSeen = new WeakReference<>(null);
  private volatile boolean found;

  private OpenTelemetryDetection(Instrumentation instrumentation, ClassFileLocator bridgeClasses) {
    this.instrumentation = instrumentation;
    this.bridgeClasses = bridgeClasses;
  }

  /**
   * Starts watching class loading; when the agent was attached late, the loaders of the classes
   * loaded already are noted first.
   */
  static void install(
      Instrumentation instrumentation, ClassFileLocator bridgeClasses, boolean attached) {
    OpenTelemetryDetection detection = new OpenTelemetryDetection(instrumentation, bridgeClasses);
    if (attached) {
      for (Class<?> type : instrumentation.getAllLoadedClasses()) {
        detection.note(type.getClassLoader());
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
    if (!found && loader != null && loader != lastSeen.get()) {
      note(loader);
    }
    return null;
  }

  private void note(ClassLoader loader) {
    if (loader == null || found || ignored(loader)) {
      return;
    }
    synchronized (loaders) {
      if (found) {
        return;
      }
      lastSeen = new WeakReference<>(loader);
      if (loaders.putIfAbsent(loader, Boolean.FALSE) == null
          && ExternalContexts.installed() == null) {
        ExternalContexts.install(this);
      }
    }
  }

  @Override
  public String currentTraceparent() {
    ExternalContext context = look();
    return context == null ? null : context.currentTraceparent();
  }

  @Override
  public AutoCloseable attach(long traceHigh, long traceLow, long spanId, boolean sampled) {
    ExternalContext context = look();
    return context == null ? Scope.NOOP : context.attach(traceHigh, traceLow, spanId, sampled);
  }

  /**
   * Looks into the loaders not looked into yet and installs what follows from it: the bridge for
   * the first that sees the API, else nothing. Returns what is installed then.
   */
  private ExternalContext look() {
    List<ClassLoader> unchecked = new ArrayList<>();
    synchronized (loaders) {
      if (ExternalContexts.installed() != this) {
        return ExternalContexts.installed();
      }
      for (Map.Entry<ClassLoader, Boolean> entry : loaders.entrySet()) {
        if (!entry.getValue()) {
          entry.setValue(Boolean.TRUE);
          unchecked.add(entry.getKey());
        }
      }
    }
    for (ClassLoader loader : unchecked) {
      if (seesTheApi(loader)) {
        OpenTelemetryBridge bridge = new OpenTelemetryBridge(loader, bridgeClasses);
        synchronized (loaders) {
          found = true;
          ExternalContexts.install(bridge);
        }
        instrumentation.removeTransformer(this);
        WeftLog.debug("OpenTelemetry's API found in " + loader + "; Weft traces join its traces");
        return bridge;
      }
    }
    synchronized (loaders) {
      // A loader noted while looking arms this again.
      if (ExternalContexts.installed() == this && !loaders.containsValue(Boolean.FALSE)) {
        ExternalContexts.install(null);
      }
      return ExternalContexts.installed() == this ? null : ExternalContexts.installed();
    }
  }

  private static boolean seesTheApi(ClassLoader loader) {
    try {
      return loader.getResource(API_MARKER) != null;
    } catch (Throwable t) {
      WeftLog.debug("could not look for OpenTelemetry in " + loader + ": " + t);
      return false;
    }
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
