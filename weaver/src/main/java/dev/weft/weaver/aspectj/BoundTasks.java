package dev.weft.weaver.aspectj;

import dev.weft.Scope;
import dev.weft.TracingContext;
import dev.weft.internal.WeftLog;
import dev.weft.weaver.ContextPropagation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Binds the tasks that woven code hands to executors and to {@code CompletableFuture} to the trace
 * context current at the call: each bound task runs with that context current and restores what was
 * current before. Runnables and callables are bound by {@link ContextPropagation}, like the ones
 * the java agent binds inside the JDK; this class adds the {@code java.util.function} types of
 * {@code CompletableFuture}'s async methods and the {@code ForkJoinTask}s given to a pool.
 *
 * <p>With nothing current, or for a task bound already, the task is returned as it is. Binding
 * never throws; a task that cannot be bound is returned as it is. Results and exceptions of the
 * task pass through as the very same instances.
 */
final class BoundTasks {
  private BoundTasks() {}

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  static Runnable bind(Runnable task) {
    return ContextPropagation.wrap(task);
  }

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  static <T> Callable<T> bind(Callable<T> task) {
    return ContextPropagation.wrap(task);
  }

  /**
   * Returns a list of the tasks, each bound to the current context, in the same order; the
   * collection itself when nothing is current or an element is not a callable (a collection filled
   * past its declared type is left to the executor to refuse).
   */
  static Collection<?> bindAll(Collection<?> tasks) {
    try {
      TracingContext context = TracingContext.current();
      if (tasks == null || context.isEmpty()) {
        return tasks;
      }
      List<Callable<?>> bound = new ArrayList<>(tasks.size());
      for (Object task : tasks) {
        if (task != null && !(task instanceof Callable<?>)) {
          return tasks;
        }
        bound.add(task == null ? null : context.wrap((Callable<?>) task));
      }
      return bound;
    } catch (Throwable t) {
      WeftLog.warnRateLimited("bind-tasks", "binding tasks to the trace context failed", t);
      return tasks;
    }
  }

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  static <T> Supplier<T> bind(Supplier<T> task) {
    TracingContext context = contextFor(task, task instanceof BoundSupplier<?>);
    return context == null ? task : new BoundSupplier<>(context, task);
  }

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  static <T, R> Function<T, R> bind(Function<T, R> task) {
    TracingContext context = contextFor(task, task instanceof BoundFunction<?, ?>);
    return context == null ? task : new BoundFunction<>(context, task);
  }

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  static <T> Consumer<T> bind(Consumer<T> task) {
    TracingContext context = contextFor(task, task instanceof BoundConsumer<?>);
    return context == null ? task : new BoundConsumer<>(context, task);
  }

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  static <T, U, R> BiFunction<T, U, R> bind(BiFunction<T, U, R> task) {
    TracingContext context = contextFor(task, task instanceof BoundBiFunction<?, ?, ?>);
    return context == null ? task : new BoundBiFunction<>(context, task);
  }

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  static <T, U> BiConsumer<T, U> bind(BiConsumer<T, U> task) {
    TracingContext context = contextFor(task, task instanceof BoundBiConsumer<?, ?>);
    return context == null ? task : new BoundBiConsumer<>(context, task);
  }

  /**
   * Returns a task for a pool that runs {@code task} with the current context current, or {@code
   * task} itself. The task itself completes as it would in the pool, so joining it works; the
   * returned task reports its result, and cancelling it cancels {@code task}.
   */
  static <T> ForkJoinTask<T> bind(ForkJoinTask<T> task) {
    TracingContext context = contextFor(task, task instanceof BoundForkJoinTask<?>);
    return context == null ? task : new BoundForkJoinTask<>(context, task);
  }

  /** Returns the context to bind {@code task} to, or null to leave the task as it is. */
  private static TracingContext contextFor(Object task, boolean boundAlready) {
    if (task == null || boundAlready) {
      return null;
    }
    try {
      TracingContext context = TracingContext.current();
      return context.isEmpty() ? null : context;
    } catch (Throwable t) {
      return null;
    }
  }

  private record BoundSupplier<T>(TracingContext context, Supplier<T> task) implements Supplier<T> {
    @Override
    public T get() {
      try (Scope ignored = context.makeCurrent()) {
        return task.get();
      }
    }
  }

  private record BoundFunction<T, R>(TracingContext context, Function<T, R> task)
      implements Function<T, R> {
    @Override
    public R apply(T value) {
      try (Scope ignored = context.makeCurrent()) {
        return task.apply(value);
      }
    }
  }

  private record BoundConsumer<T>(TracingContext context, Consumer<T> task) implements Consumer<T> {
    @Override
    public void accept(T value) {
      try (Scope ignored = context.makeCurrent()) {
        task.accept(value);
      }
    }
  }

  private record BoundBiFunction<T, U, R>(TracingContext context, BiFunction<T, U, R> task)
      implements BiFunction<T, U, R> {
    @Override
    public R apply(T first, U second) {
      try (Scope ignored = context.makeCurrent()) {
        return task.apply(first, second);
      }
    }
  }

  private record BoundBiConsumer<T, U>(TracingContext context, BiConsumer<T, U> task)
      implements BiConsumer<T, U> {
    @Override
    public void accept(T first, U second) {
      try (Scope ignored = context.makeCurrent()) {
        task.accept(first, second);
      }
    }
  }

  /**
   * Runs a pool's task within a context. A {@code ForkJoinTask} is known to its callers by identity
   * (they join it), so it cannot be replaced: the pool gets this task, which invokes the original,
   * and the original completes with its own result or exception.
   */
  private static final class BoundForkJoinTask<T> extends ForkJoinTask<T> {
    private static final long serialVersionUID = 1L;

    private final transient TracingContext context;
    private final ForkJoinTask<T> task;

    BoundForkJoinTask(TracingContext context, ForkJoinTask<T> task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public T getRawResult() {
      return task.getRawResult();
    }

    @Override
    protected void setRawResult(T value) {
      // The result is the original task's own.
    }

    @Override
    protected boolean exec() {
      try (Scope ignored = context.makeCurrent()) {
        task.invoke();
      }
      return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        task.cancel(mayInterruptIfRunning);
      }
      return cancelled;
    }
  }
}
