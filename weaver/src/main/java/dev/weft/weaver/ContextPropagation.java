package dev.weft.weaver;

import dev.weft.TracingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * Carries the current trace context into work handed to JDK executors and virtual threads: the java
 * agent weaves calls to these methods into the JDK's task submission points, and the AspectJ route
 * calls them where woven code hands a task over. Not an application API (applications use {@code
 * Tracing.wrap}).
 *
 * <p>With nothing current a task is returned as it is, so untraced code keeps its own task objects.
 */
public final class ContextPropagation {
  private ContextPropagation() {}

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  public static Runnable wrap(Runnable task) {
    if (task == null) {
      return null;
    }
    try {
      return TracingContext.current().wrap(task);
    } catch (Throwable t) {
      return task;
    }
  }

  /**
   * Returns {@code task} bound to the current context, except a {@link FutureTask}: what {@code
   * submit} hands to {@code execute} (its inner task is bound already), and which an executor's
   * callers may look for by identity ({@code remove}, {@code shutdownNow}). Other futures, such as
   * the tasks of {@code CompletableFuture.supplyAsync(supplier, executor)}, are bound.
   */
  public static Runnable wrapUnlessFutureTask(Runnable task) {
    return task instanceof FutureTask<?> ? task : wrap(task);
  }

  /** Returns {@code task} bound to the current context, or {@code task} itself. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    if (task == null) {
      return null;
    }
    try {
      return TracingContext.current().wrap(task);
    } catch (Throwable t) {
      return task;
    }
  }
}
