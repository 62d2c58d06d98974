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

  /**
   * Returns whether this exporter writes to this machine (a file, the console) and so keeps up with
   * a burst: such an exporter gets the batch processor's full default queue. One that sends over
   * the network, and may stall for as long as its endpoint does, gets a smaller default queue so
   * that what waits for it stays small in memory ({@link
   * dev.weft.processor.BatchTraceProcessor#DEFAULT_NETWORK_QUEUE_SIZE}).
   */
  default boolean writesLocally() {
    return false;
  }
}
