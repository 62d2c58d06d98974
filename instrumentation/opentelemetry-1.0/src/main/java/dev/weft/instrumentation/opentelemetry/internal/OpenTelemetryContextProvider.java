package dev.weft.instrumentation.opentelemetry.internal;

import dev.weft.internal.ExternalContext;
import dev.weft.internal.ExternalContextProvider;
import dev.weft.internal.WeftLog;

/**
 * Offers {@link OpenTelemetryContext} to a runtime on the application's class path (AspectJ weaving
 * or the manual API, without the java agent) when OpenTelemetry's API is there too. It looks for
 * the API as a resource first, so an application without it loads none of its classes.
 */
public final class OpenTelemetryContextProvider implements ExternalContextProvider {
  /** The class file that tells that the API is present; looked up, never loaded, by this check. */
  static final String API_MARKER = "io/opentelemetry/context/Context.class";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public OpenTelemetryContextProvider() {}

  @Override
  public String name() {
    return "OpenTelemetry";
  }

  @Override
  public ExternalContext create() {
    ClassLoader loader = OpenTelemetryContextProvider.class.getClassLoader();
    if (loader == null || loader.getResource(API_MARKER) == null) {
      return null;
    }
    try {
      OpenTelemetryContext context = new OpenTelemetryContext();
      context.currentTraceparent();
      return context;
    } catch (LinkageError | RuntimeException e) {
      WeftLog.warn("OpenTelemetry's API could not be used; Weft traces stay on their own: " + e);
      return null;
    }
  }
}
