package dev.weft.agent;

import dev.weft.bootstrap.ContextHooks;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/**
 * The code woven into JDK task submission points: replaces the submitted task by one bound to the
 * current trace context. Inlined into JDK classes, so it refers only to what the agent defines in
 * the boot loader ({@link ContextHooks}).
 */
final class ExecutorAdvice {
  private ExecutorAdvice() {}

  /** Binds the first argument, a {@link Runnable}. */
  static final class WrapRunnable {
    private WrapRunnable() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ContextHooks.wrap(task);
    }
  }

  /** Binds the first argument, a {@link Runnable}, unless it is a future (bound already). */
  static final class WrapRunnableUnlessFutureTask {
    private WrapRunnableUnlessFutureTask() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ContextHooks.wrapUnlessFutureTask(task);
    }
  }

  /** Binds the first argument, a {@link Callable}. */
  static final class WrapCallable {
    private WrapCallable() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
      task = ContextHooks.wrap(task);
    }
  }

  /** Binds the fourth argument, a {@link Runnable}: the task of a new virtual thread. */
  static final class WrapFourthRunnable {
    private WrapFourthRunnable() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 3, readOnly = false) Runnable task) {
      task = ContextHooks.wrap(task);
    }
  }

  /** Remembers the current context for the task itself: a {@code ForkJoinTask} being forked. */
  static final class HandOverThis {
    private HandOverThis() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object work) {
      ContextHooks.handOver(work);
    }
  }

  /**
   * Remembers the current context for the first argument: a {@code ForkJoinTask} handed to a pool,
   * a {@code TimerTask} being scheduled.
   */
  static final class HandOverFirst {
    private HandOverFirst() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object work) {
      ContextHooks.handOver(work);
    }
  }

  /** Makes the context remembered for a {@code ForkJoinTask} current while it runs. */
  static final class ResumeThis {
    private ResumeThis() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object work) {
      return ContextHooks.resume(work);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object resumed) {
      ContextHooks.end(resumed);
    }
  }

  /**
   * Marks a pool's start of a thread of its own ({@code ThreadPoolExecutor.addWorker}, {@code
   * CompletableFuture}'s thread-per-task executor) while it runs, so the thread's start looks no
   * further to tell that it is the pool's.
   */
  static final class PoolStartsThread {
    private PoolStartsThread() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter() {
      return ContextHooks.beginPoolStart();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean marked) {
      ContextHooks.endPoolStart(marked);
    }
  }

  /** Remembers the current context for a platform thread being started. */
  static final class HandOverThread {
    private HandOverThread() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread) {
      ContextHooks.handOverThread(thread);
    }
  }

  /** Makes the context remembered for a started thread current while its {@code run} runs. */
  static final class ResumeThread {
    private ResumeThread() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Thread thread) {
      return ContextHooks.resumeThread(thread);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object resumed) {
      ContextHooks.end(resumed);
    }
  }
}
