package dev.weft.processor;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import java.util.List;

/**
 * Sends finished tracing data somewhere: files, the console, a service. Called by a processor on
 * its own thread, never on the application's.
 */
public interface SpanExporter {

  /**
   * Exports one batch: trace records (a trace appears once when it starts and once, ended, when it
   * ends) and ended spans, each list in the order the events happened. May throw; the caller logs
   * the failure and goes on.
   */
  void export(List<TraceRecord> traces, List<SpanRecord> spans) throws Exception;

  /** Makes sure everything exported so far has reached its destination. */
  default void flush() throws Exception {}

  /** Releases resources; no calls follow. */
  default void shutdown() throws Exception {}
}
