package dev.weft.internal;

import java.util.ServiceLoader;

/**
 * Which {@link ExternalContext} the runtime follows: none until one is installed, and then the
 * runtime reads it with one volatile read where a trace starts and where the current span changes,
 * so a JVM without another tracing system pays a null check.
 *
 * <p>Under the java agent, the agent installs one when an application class loader that sees
 * OpenTelemetry's API appears. Without it, {@link #discover(ClassLoader)} finds one through {@link
 * ServiceLoader}, as {@link ExternalContextProvider}s registered in {@code
 * META-INF/services/dev.weft.internal.ExternalContextProvider}.
 */
public final class ExternalContexts {
  private static volatile ExternalContext installed;

  private ExternalContexts() {}

  /** Returns the external context the runtime follows, or null. */
  public static ExternalContext installed() {
    return installed;
  }

  /** Makes the runtime follow {@code context}; null follows none. */
  public static void install(ExternalContext context) {
    installed = context;
  }

  /**
   * Installs the first external context that a provider visible from {@code loader} offers, unless
   * one is installed already. A provider that fails is logged and skipped.
   */
  public static void discover(ClassLoader loader) {
    if (installed != null || loader == null) {
      return;
    }
    try {
      for (ExternalContextProvider provider :
          ServiceLoader.load(ExternalContextProvider.class, loader)) {
        ExternalContext context = provider.create();
        if (context != null) {
          install(context);
          WeftLog.debug("following the trace context of " + provider.name());
          return;
        }
      }
    } catch (Throwable t) {
      WeftLog.warn(
          "looking for another tracer's context failed; Weft traces stay on their own: " + t);
    }
  }
}
