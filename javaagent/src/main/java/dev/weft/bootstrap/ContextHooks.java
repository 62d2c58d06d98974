package dev.weft.bootstrap;

import java.util.TimerTask;
import java.util.concurrent.Callable;

/**
 * What the code woven into JDK classes (executors, threads, fork/join tasks, timers) calls to carry
 * the trace context across threads. JDK classes resolve only boot loader classes, so the agent
 * defines this class there and installs the implementation, which lives with the runtime in the
 * agent's class loader. Until then, and if the implementation fails, every call leaves the work as
 * it is.
 *
 * <p>Refers to JDK types only.
 */
public abstract class ContextHooks {
  private static volatile ContextHooks installed;

  /** For the agent's implementation. */
  protected ContextHooks() {}

  /** Makes {@code hooks} the implementation the woven code calls. */
  public static void install(ContextHooks hooks) {
    installed = hooks;
  }

  /** Returns a task that runs {@code task} in the current trace context, or {@code task}. */
  public static Runnable wrap(Runnable task) {
    ContextHooks hooks = installed;
    return hooks == null ? task : hooks.bind(task);
  }

  /** As {@link #wrap(Runnable)}, except for a future, which carries its context already. */
  public static Runnable wrapUnlessFutureTask(Runnable task) {
    ContextHooks hooks = installed;
    return hooks == null ? task : hooks.bindUnlessFutureTask(task);
  }

  /** Returns a task that runs {@code task} in the current trace context, or {@code task}. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    ContextHooks hooks = installed;
    return hooks == null ? task : hooks.bind(task);
  }

  /** Remembers the current trace context for {@code work}, kept by the JDK and run later. */
  public static void handOver(Object work) {
    ContextHooks hooks = installed;
    if (hooks != null) {
      hooks.remember(work);
    }
  }

  /** Remembers the current trace context for {@code thread}, a platform thread being started. */
  public static void handOverThread(Thread thread) {
    ContextHooks hooks = installed;
    if (hooks != null) {
      hooks.rememberForThread(thread);
    }
  }

  /**
   * Marks the current thread as a pool starting a thread of its own, until {@link #endPoolStart}:
   * the pool keeps that thread for other work, so it keeps no trace context.
   *
   * @return whether this call marked it, to pass to {@link #endPoolStart}
   */
  public static boolean beginPoolStart() {
    ContextHooks hooks = installed;
    return hooks != null && hooks.markPoolStart();
  }

  /** Ends what {@link #beginPoolStart} began, when it returned true. */
  public static void endPoolStart(boolean marked) {
    ContextHooks hooks = installed;
    if (marked && hooks != null) {
      hooks.unmarkPoolStart();
    }
  }

  /**
   * Makes the context remembered for {@code work} current.
   *
   * @return what to pass to {@link #end} when the work has run, or null
   */
  public static Object resume(Object work) {
    ContextHooks hooks = installed;
    return hooks == null ? null : hooks.makeCurrent(work);
  }

  /** As {@link #resume}, for a thread's own {@code run}, on that thread only. */
  public static Object resumeThread(Thread thread) {
    ContextHooks hooks = installed;
    return hooks == null || thread != Thread.currentThread() ? null : hooks.makeCurrent(thread);
  }

  /** Ends what {@link #resume} or {@link #resumeThread} returned. */
  public static void end(Object resumed) {
    ContextHooks hooks = installed;
    if (hooks != null && resumed != null) {
      hooks.restore(resumed);
    }
  }

  /** Runs a scheduled {@code TimerTask} in the context it was scheduled in. */
  public static void runTimerTask(TimerTask task) {
    ContextHooks hooks = installed;
    if (hooks == null) {
      task.run();
    } else {
      hooks.runScheduled(task);
    }
  }

  /** See {@link #wrap(Runnable)}. */
  protected abstract Runnable bind(Runnable task);

  /** See {@link #wrapUnlessFutureTask}. */
  protected abstract Runnable bindUnlessFutureTask(Runnable task);

  /** See {@link #wrap(Callable)}. */
  protected abstract <T> Callable<T> bind(Callable<T> task);

  /** See {@link #handOver}. */
  protected abstract void remember(Object work);

  /** See {@link #handOverThread}. */
  protected abstract void rememberForThread(Thread thread);

  /** See {@link #beginPoolStart}; returns false when the thread is marked already. */
  protected abstract boolean markPoolStart();

  /** See {@link #endPoolStart}. */
  protected abstract void unmarkPoolStart();

  /** See {@link #resume}. */
  protected abstract Object makeCurrent(Object work);

  /** See {@link #end}. */
  protected abstract void restore(Object resumed);

  /** See {@link #runTimerTask}. */
  protected abstract void runScheduled(TimerTask task);
}
