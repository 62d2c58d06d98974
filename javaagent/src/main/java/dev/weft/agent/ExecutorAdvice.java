package dev.weft.agent;

import dev.weft.weaver.ContextPropagation;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/**
 * The code woven into JDK task submission points: replaces the submitted task by one bound to the
 * current trace context. Inlined into JDK classes, so it refers only to the boot class path.
 */
final class ExecutorAdvice {
  private ExecutorAdvice() {}

  /** Binds the first argument, a {@link Runnable}. */
  static final class WrapRunnable {
    private WrapRunnable() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ContextPropagation.wrap(task);
    }
  }

  /** Binds the first argument, a {@link Runnable}, unless it is a future (bound already). */
  static final class WrapRunnableUnlessFuture {
    private WrapRunnableUnlessFuture() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ContextPropagation.wrapUnlessFuture(task);
    }
  }

  /** Binds the first argument, a {@link Callable}. */
  static final class WrapCallable {
    private WrapCallable() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
      task = ContextPropagation.wrap(task);
    }
  }

  /** Binds the fourth argument, a {@link Runnable}: the task of a new virtual thread. */
  static final class WrapFourthRunnable {
    private WrapFourthRunnable() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 3, readOnly = false) Runnable task) {
      task = ContextPropagation.wrap(task);
    }
  }
}
