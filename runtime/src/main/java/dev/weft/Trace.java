package dev.weft;

import java.util.Map;

/**
 * One run of a workflow: the root that spans belong to.
 *
 * <p>A trace started through {@link Tracing} is current on the starting thread until {@link
 * #close()}, which ends it and restores what was current before.
 */
public interface Trace extends AutoCloseable {

  /** Returns the id, {@code trace_} + 32 lowercase hex. */
  String traceId();

  /** Returns the workflow name. */
  String workflowName();

  /** Returns the group id, or null. */
  String groupId();

  /** Returns the trace's metadata; never null. */
  Map<String, Object> metadata();

  /** Returns whether the trace is recorded and exported (false when disabled or not sampled). */
  boolean isRecording();

  /** Returns whether the trace has ended. */
  boolean isEnded();

  /** Returns an immutable snapshot of the trace as it is now. */
  TraceRecord toRecord();

  /** Ends the trace, once; later calls do nothing. Does not change what is current. */
  void end();

  /**
   * Runs {@code action} when the trace ends, before its end is reported, so that what the action
   * ends still belongs to the trace: for instance the span of a stream nobody read to its end. Runs
   * nothing for a trace that records nothing; runs {@code action} at once when the trace has ended
   * already. The action must not throw; what it throws is logged and ignored.
   */
  default void beforeEnd(Runnable action) {}

  /**
   * Ends the trace and, on the thread that started it, restores what was current before it started.
   * Never throws.
   */
  @Override
  void close();
}
