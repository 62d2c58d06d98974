package dev.weft;

/**
 * The trace and span current on one thread, captured so that work handed to another thread nests
 * under them.
 *
 * <pre>{@code
 * TracingContext context = TracingContext.current();
 * executor.execute(() -> {
 *   try (Scope scope = context.makeCurrent()) {
 *     runTool();
 *   }
 * });
 * }</pre>
 */
public final class TracingContext {
  private static final TracingContext EMPTY = new TracingContext(null);

  private final Object value;

  private TracingContext(Object value) {
    this.value = value;
  }

  /** Returns the context current on this thread; an empty context when nothing is current. */
  public static TracingContext current() {
    Object value = ContextStorage.get();
    return value == null ? EMPTY : new TracingContext(value);
  }

  /**
   * Returns the context in which {@code span} is current, for work that belongs to a span started
   * elsewhere (a callback of a streamed answer); an empty context for a span that records nothing.
   */
  public static TracingContext of(Span span) {
    return span instanceof SpanImpl impl ? new TracingContext(impl) : EMPTY;
  }

  /** Returns whether no trace is current in this context. */
  public boolean isEmpty() {
    return value == null;
  }

  /** Returns the trace of this context, or null. */
  public Trace trace() {
    return ContextStorage.traceOf(value);
  }

  /** Returns the span of this context, or null. */
  public Span span() {
    return value instanceof SpanImpl span ? span : null;
  }

  /**
   * Makes this context current on this thread until the returned scope closes, which restores what
   * was current before.
   */
  public Scope makeCurrent() {
    Object previous = ContextStorage.get();
    if (previous == value) {
      return Scope.NOOP;
    }
    ContextStorage.set(value);
    return () -> ContextStorage.set(previous);
  }

  /** Returns a task that runs {@code task} within this context. */
  public Runnable wrap(Runnable task) {
    if (value == null || task instanceof ContextRunnable) {
      return task;
    }
    return new ContextRunnable(this, task);
  }

  /** Returns a task that calls {@code task} within this context. */
  public <T> java.util.concurrent.Callable<T> wrap(java.util.concurrent.Callable<T> task) {
    if (value == null || task instanceof ContextCallable) {
      return task;
    }
    return new ContextCallable<>(this, task);
  }

  private record ContextRunnable(TracingContext context, Runnable task) implements Runnable {
    @Override
    public void run() {
      try (Scope ignored = context.makeCurrent()) {
        task.run();
      }
    }
  }

  private record ContextCallable<T>(TracingContext context, java.util.concurrent.Callable<T> task)
      implements java.util.concurrent.Callable<T> {
    @Override
    public T call() throws Exception {
      try (Scope ignored = context.makeCurrent()) {
        return task.call();
      }
    }
  }
}
