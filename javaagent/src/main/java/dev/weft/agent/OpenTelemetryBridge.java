package dev.weft.agent;

import dev.weft.Scope;
import dev.weft.internal.ExternalContext;
import dev.weft.internal.ExternalContexts;
import dev.weft.internal.WeftLog;
import java.lang.ref.WeakReference;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The bridge to OpenTelemetry's context before its first use: it then defines the bridge classes
 * ({@code dev.weft.instrumentation.opentelemetry}, compiled against OpenTelemetry's API) in a class
 * loader of their own whose parent is the application loader that sees the API, and installs the
 * bridge in its place. Deferred to the first trace, since the loader is found while it loads a
 * class, when loading more classes through it is not safe.
 *
 * <p>The bridge classes sit in the agent's runtime jar without relocation; the agent's loader
 * cannot see the application's API, so they are read as class files and never loaded from there.
 */
final class OpenTelemetryBridge implements ExternalContext {
  static final String BRIDGE_CLASS =
      "dev.weft.instrumentation.opentelemetry.internal.OpenTelemetryContext";

  private final WeakReference<ClassLoader> application;
  private final ClassFileLocator bridgeClasses;
  private boolean failed;

  OpenTelemetryBridge(ClassLoader application, ClassFileLocator bridgeClasses) {
    this.application = new WeakReference<>(application);
    this.bridgeClasses = bridgeClasses;
  }

  @Override
  public String currentTraceparent() {
    ExternalContext bridge = bridge();
    return bridge == null ? null : bridge.currentTraceparent();
  }

  @Override
  public AutoCloseable attach(long traceHigh, long traceLow, long spanId, boolean sampled) {
    ExternalContext bridge = bridge();
    return bridge == null ? Scope.NOOP : bridge.attach(traceHigh, traceLow, spanId, sampled);
  }

  private synchronized ExternalContext bridge() {
    ExternalContext installed = ExternalContexts.installed();
    if (installed != this) {
      return installed;
    }
    if (failed) {
      return null;
    }
    ClassLoader loader = application.get();
    try {
      if (loader == null) {
        throw new IllegalStateException("the application's class loader was released");
      }
      ExternalContext bridge =
          (ExternalContext)
              Class.forName(BRIDGE_CLASS, true, new BridgeClassLoader(loader, bridgeClasses))
                  .getConstructor()
                  .newInstance();
      // Reading the current span once proves that the API links before any span relies on it.
      bridge.currentTraceparent();
      ExternalContexts.install(bridge);
      return bridge;
    } catch (Throwable t) {
      failed = true;
      ExternalContexts.install(null);
      WeftLog.warn("OpenTelemetry's API could not be used; Weft traces stay on their own: " + t);
      return null;
    }
  }

  /**
   * Defines the bridge classes itself, takes the rest of {@code dev.weft} from the agent's loader
   * (where the runtime is, whatever the application loader would answer) and everything else,
   * OpenTelemetry's API above all, from the application loader.
   */
  static final class BridgeClassLoader extends ClassLoader {
    private static final String BRIDGE_PACKAGE = "dev.weft.instrumentation.opentelemetry.internal.";

    static {
      registerAsParallelCapable();
    }

    private final ClassFileLocator classFiles;

    BridgeClassLoader(ClassLoader application, ClassFileLocator classFiles) {
      super("weft-opentelemetry", application);
      this.classFiles = classFiles;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.weft.")) {
        return super.loadClass(name, resolve);
      }
      if (!name.startsWith(BRIDGE_PACKAGE)) {
        return Class.forName(name, false, OpenTelemetryBridge.class.getClassLoader());
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> type = findLoadedClass(name);
        if (type == null) {
          type = define(name);
        }
        if (resolve) {
          resolveClass(type);
        }
        return type;
      }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
      try {
        ClassFileLocator.Resolution resolution = classFiles.locate(name);
        if (!resolution.isResolved()) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = resolution.resolve();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (java.io.IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
