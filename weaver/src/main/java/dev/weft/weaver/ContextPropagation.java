package dev.weft.weaver;

import dev.weft.TracingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * Carries the current trace context into work handed to JDK executors and virtual threads: the java
 * agent weaves calls to these methods into the JDK's task submission points. Not an application API
 * (applications use {@code Tracing.wrap}).
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
   * Returns {@code task} bound to the current context, except a {@link Future}, which an executor
   * or its callers may look for by identity (its inner task carries the context already when it was
   * submitted through {@code submit}).
   */
  public static Runnable wrapUnlessFuture(Runnable task) {
    return task instanceof Future<?> ? task : wrap(task);
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
