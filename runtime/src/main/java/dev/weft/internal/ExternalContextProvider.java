package dev.weft.internal;

/**
 * Offers an {@link ExternalContext} when the tracing system it bridges is present, found by {@link
 * ExternalContexts#discover(ClassLoader)} through {@link java.util.ServiceLoader}. An
 * implementation names no type of that system, so looking it up loads nothing of it.
 */
public interface ExternalContextProvider {

  /** Returns the name of the tracing system, for log lines. */
  String name();

  /**
   * Returns the external context of the system as this provider's class loader sees it, or null
   * when the system is not there.
   */
  ExternalContext create();
}
