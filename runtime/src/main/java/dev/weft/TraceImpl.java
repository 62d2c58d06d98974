package dev.weft;

import dev.weft.internal.WeftLog;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/** A live trace; ends once, and reports its start and end to the tracer's processor. */
final class TraceImpl implements Trace {
  private static final VarHandle ENDED_AT;

  static {
    try {
      ENDED_AT = MethodHandles.lookup().findVarHandle(TraceImpl.class, "endedAtMicros", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final TracerState tracer;
  private final TraceRecord started;
  final boolean sampled;
  private final Object previous;
  private final Thread owner;

  /** Spans held until the end when the sampler left this trace out but errors are kept; or null. */
  private final PendingSpans pending;

  private volatile long endedAtMicros;

  /** What runs before the end is reported ({@link #beforeEnd}); null until something is added. */
  private java.util.List<Runnable> beforeEnd;

  /** Set, under this trace's lock, by the first call that ends the trace. */
  private boolean ending;

  // The span this trace was started implicitly for, which ends it; kept here rather than as a flag
  // on every span, since a flag would grow each span by a word.
  volatile SpanImpl implicitRoot;

  TraceImpl(TracerState tracer, TraceRecord started, boolean sampled, Object previous) {
    this.tracer = tracer;
    this.started = started;
    this.sampled = sampled;
    this.previous = previous;
    this.owner = Thread.currentThread();
    this.pending = !sampled && tracer.keepErrors ? new PendingSpans(tracer.pendingBudget) : null;
  }

  /** The caller's span when the trace continues one of another process or tracer, or null. */
  String remoteParentId() {
    return started.remoteParentId();
  }

  void reportStart() {
    if (sampled) {
      tracer.processor.onTraceStart(started);
    }
  }

  @Override
  public String traceId() {
    return started.traceId();
  }

  /** Returns the first 64 bits of the trace id, as the external context takes them. */
  long idHigh() {
    return started.idHigh();
  }

  /** Returns the last 64 bits of the trace id, as the external context takes them. */
  long idLow() {
    return started.idLow();
  }

  @Override
  public String workflowName() {
    return started.workflowName();
  }

  @Override
  public String groupId() {
    return started.groupId();
  }

  @Override
  public Map<String, Object> metadata() {
    return started.metadata();
  }

  @Override
  public boolean isRecording() {
    return sampled || pending != null;
  }

  /** Passes an ended span of this trace to the processor, or holds it (see PendingSpans). */
  void spanEnded(SpanImpl span) {
    if (sampled) {
      tracer.processor.onSpanEnd(span.toRecord(started));
    } else if (pending != null) {
      pending.spanEnded(span.toRecord(started), tracer.processor);
    }
  }

  @Override
  public boolean isEnded() {
    return endedAtMicros != 0;
  }

  @Override
  public TraceRecord toRecord() {
    long ended = endedAtMicros;
    if (ended == 0) {
      return started;
    }
    return started.endedAt(ended);
  }

  @Override
  public void end() {
    endAt(tracer.clock.nowMicros());
  }

  @Override
  public void beforeEnd(Runnable action) {
    if (!isRecording() || action == null) {
      return;
    }
    synchronized (this) {
      if (!ending) {
        if (beforeEnd == null) {
          beforeEnd = new java.util.ArrayList<>(2);
        }
        beforeEnd.add(action);
        return;
      }
    }
    runSafely(action);
  }

  /** Ends the trace at {@code nowMicros} (no earlier than its start), once. */
  void endAt(long nowMicros) {
    long now = Math.max(nowMicros, started.startedAtMicros());
    java.util.List<Runnable> actions;
    synchronized (this) {
      if (ending) {
        return;
      }
      ending = true;
      actions = beforeEnd;
      beforeEnd = null;
    }
    if (actions != null) {
      // Before the end is set: what the actions end is reported as part of the trace.
      for (Runnable action : actions) {
        runSafely(action);
      }
    }
    if (!ENDED_AT.compareAndSet(this, 0L, now)) {
      return;
    }
    if (sampled) {
      tracer.processor.onTraceEnd(toRecord());
    } else if (pending != null) {
      pending.traceEnded(started, toRecord(), tracer.processor);
    }
  }

  private static void runSafely(Runnable action) {
    try {
      action.run();
    } catch (Throwable t) {
      WeftLog.warnRateLimited("trace-before-end", "an action at the end of a trace failed", t);
    }
  }

  @Override
  public void close() {
    try {
      if (Thread.currentThread() == owner) {
        ContextStorage.restore(this, previous);
      }
      end();
    } catch (Throwable t) {
      WeftLog.warnRateLimited("trace-close", "closing a trace failed", t);
    }
  }

  Object previous() {
    return previous;
  }

  boolean ownedBy(Thread thread) {
    return owner == thread;
  }

  @Override
  public String toString() {
    return "Trace[" + started.traceId() + " " + started.workflowName() + "]";
  }
}
