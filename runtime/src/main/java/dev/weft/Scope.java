package dev.weft;

/**
 * A span of code during which a trace or span is current on this thread; closing it restores
 * exactly what was current before it opened, also when the code in between threw.
 */
@FunctionalInterface
public interface Scope extends AutoCloseable {

  /** A scope that restores nothing. */
  Scope NOOP = () -> {};

  /** Restores what was current when this scope opened. Never throws. */
  @Override
  void close();
}
