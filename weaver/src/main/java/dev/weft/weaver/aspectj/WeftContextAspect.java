package dev.weft.weaver.aspectj;

import dev.weft.TracingContext;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * The AspectJ route for work handed to other threads: where woven code hands a task to an executor
 * or to {@code CompletableFuture}, the task is bound to the trace context current at that call, so
 * a tool run on a pool nests under the span that started it, as under the Weft java agent (which
 * binds tasks inside the JDK instead).
 *
 * <p>Woven are the calls, in the classes AspectJ weaves, of {@code Executor.execute}, {@code
 * ExecutorService.submit}, {@code invokeAll} and {@code invokeAny}, {@code
 * CompletionService.submit}, {@code ScheduledExecutorService.schedule*}, {@code ForkJoinPool}'s
 * {@code invoke}, {@code submit} and {@code execute} of a {@code ForkJoinTask}, {@code
 * CompletableFuture.runAsync}, {@code supplyAsync} and {@code completeAsync}, and every {@code
 * *Async} method of a {@code CompletionStage} ({@code thenApplyAsync}, {@code whenCompleteAsync},
 * …), with or without an executor argument. Calls made by code that is not woven (libraries, Weft
 * itself) are left alone.
 *
 * <p>When nothing is current the call proceeds untouched, after one thread-local read. A task bound
 * already ({@code Tracing.wrap}, or by an earlier binding) is left alone, so binding here and again
 * in the Weft agent or a wrapped executor runs the task once, within the context it was first
 * given. The call's result and exception pass through as the very same instances.
 */
@Aspect
public class WeftContextAspect {
  /** Creates the aspect; AspectJ makes the single instance. */
  public WeftContextAspect() {}

  /**
   * Selects join points outside Weft's own code at which a trace context is current; the {@code
   * if()} part runs at each call.
   *
   * @return whether a trace context is current on this thread
   */
  @Pointcut("!within(dev.weft..*) && if()")
  public static boolean contextCurrent() {
    return !TracingContext.current().isEmpty();
  }

  /**
   * Binds the runnable of {@code execute}, {@code submit}, {@code schedule*}, {@code runAsync} and
   * {@code thenRunAsync}.
   */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "(call(void java.util.concurrent.Executor+.execute(Runnable))"
              + " || call(* java.util.concurrent.ExecutorService+.submit(Runnable, ..))"
              + " || call(* java.util.concurrent.CompletionService+.submit(Runnable, ..))"
              + " || call(* java.util.concurrent.ScheduledExecutorService+.schedule*(Runnable, ..))"
              + " || call(static * java.util.concurrent.CompletableFuture.runAsync(Runnable, ..))"
              + " || call(* java.util.concurrent.CompletionStage+.*Async(Runnable, ..)))"
              + " && args(task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object runnable(ProceedingJoinPoint call, Runnable task) throws Throwable {
    return proceed(call, 0, task, BoundTasks.bind(task));
  }

  /** Binds the runnable of {@code runAfterBothAsync} and {@code runAfterEitherAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async("
              + "java.util.concurrent.CompletionStage, Runnable, ..))"
              + " && args(*, task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object secondRunnable(ProceedingJoinPoint call, Runnable task) throws Throwable {
    return proceed(call, 1, task, BoundTasks.bind(task));
  }

  /** Binds the callable of {@code submit} and {@code schedule}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "(call(* java.util.concurrent.ExecutorService+.submit(java.util.concurrent.Callable))"
              + " || call(* java.util.concurrent.CompletionService+.submit("
              + "java.util.concurrent.Callable))"
              + " || call(* java.util.concurrent.ScheduledExecutorService+.schedule("
              + "java.util.concurrent.Callable, ..)))"
              + " && args(task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object callable(ProceedingJoinPoint call, Callable<?> task) throws Throwable {
    return proceed(call, 0, task, BoundTasks.bind(task));
  }

  /** Binds each callable of {@code invokeAll} and {@code invokeAny}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.ExecutorService+.invoke*(java.util.Collection, ..))"
              + " && args(tasks, ..) && contextCurrent()",
      argNames = "call,tasks")
  public Object callables(ProceedingJoinPoint call, Collection<?> tasks) throws Throwable {
    return proceed(call, 0, tasks, BoundTasks.bindAll(tasks));
  }

  /**
   * Binds the {@code ForkJoinTask} of {@code ForkJoinPool.invoke}, {@code submit} and {@code
   * execute}; {@code submit} still returns the task it was given.
   */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "(call(* java.util.concurrent.ForkJoinPool+.invoke(java.util.concurrent.ForkJoinTask))"
              + " || call(* java.util.concurrent.ForkJoinPool+.submit("
              + "java.util.concurrent.ForkJoinTask))"
              + " || call(void java.util.concurrent.ForkJoinPool+.execute("
              + "java.util.concurrent.ForkJoinTask)))"
              + " && args(task) && contextCurrent()",
      argNames = "call,task")
  public Object forkJoinTask(ProceedingJoinPoint call, ForkJoinTask<?> task) throws Throwable {
    ForkJoinTask<?> bound = BoundTasks.bind(task);
    Object result = proceed(call, 0, task, bound);
    return result == bound && bound != task ? task : result;
  }

  /** Binds the supplier of {@code supplyAsync} and {@code completeAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "(call(static * java.util.concurrent.CompletableFuture.supplyAsync("
              + "java.util.function.Supplier, ..))"
              + " || call(* java.util.concurrent.CompletableFuture+.completeAsync("
              + "java.util.function.Supplier, ..)))"
              + " && args(task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object supplier(ProceedingJoinPoint call, Supplier<?> task) throws Throwable {
    return proceed(call, 0, task, BoundTasks.bind(task));
  }

  /** Binds the function of {@code thenApplyAsync}, {@code thenComposeAsync}, … */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async(java.util.function.Function, ..))"
              + " && args(task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object function(ProceedingJoinPoint call, Function<?, ?> task) throws Throwable {
    return proceed(call, 0, task, BoundTasks.bind(task));
  }

  /** Binds the function of {@code applyToEitherAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async("
              + "java.util.concurrent.CompletionStage, java.util.function.Function, ..))"
              + " && args(*, task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object secondFunction(ProceedingJoinPoint call, Function<?, ?> task) throws Throwable {
    return proceed(call, 1, task, BoundTasks.bind(task));
  }

  /** Binds the consumer of {@code thenAcceptAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async(java.util.function.Consumer, ..))"
              + " && args(task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object consumer(ProceedingJoinPoint call, Consumer<?> task) throws Throwable {
    return proceed(call, 0, task, BoundTasks.bind(task));
  }

  /** Binds the consumer of {@code acceptEitherAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async("
              + "java.util.concurrent.CompletionStage, java.util.function.Consumer, ..))"
              + " && args(*, task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object secondConsumer(ProceedingJoinPoint call, Consumer<?> task) throws Throwable {
    return proceed(call, 1, task, BoundTasks.bind(task));
  }

  /** Binds the function of {@code handleAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async(java.util.function.BiFunction, ..))"
              + " && args(task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object biFunction(ProceedingJoinPoint call, BiFunction<?, ?, ?> task) throws Throwable {
    return proceed(call, 0, task, BoundTasks.bind(task));
  }

  /** Binds the function of {@code thenCombineAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async("
              + "java.util.concurrent.CompletionStage, java.util.function.BiFunction, ..))"
              + " && args(*, task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object secondBiFunction(ProceedingJoinPoint call, BiFunction<?, ?, ?> task)
      throws Throwable {
    return proceed(call, 1, task, BoundTasks.bind(task));
  }

  /** Binds the consumer of {@code whenCompleteAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async(java.util.function.BiConsumer, ..))"
              + " && args(task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object biConsumer(ProceedingJoinPoint call, BiConsumer<?, ?> task) throws Throwable {
    return proceed(call, 0, task, BoundTasks.bind(task));
  }

  /** Binds the consumer of {@code thenAcceptBothAsync}. */
  @SuppressAjWarnings("adviceDidNotMatch")
  @Around(
      value =
          "call(* java.util.concurrent.CompletionStage+.*Async("
              + "java.util.concurrent.CompletionStage, java.util.function.BiConsumer, ..))"
              + " && args(*, task, ..) && contextCurrent()",
      argNames = "call,task")
  public Object secondBiConsumer(ProceedingJoinPoint call, BiConsumer<?, ?> task) throws Throwable {
    return proceed(call, 1, task, BoundTasks.bind(task));
  }

  /** Proceeds with the argument at {@code index} replaced by {@code bound}, if it differs. */
  private static Object proceed(ProceedingJoinPoint call, int index, Object task, Object bound)
      throws Throwable {
    if (bound == task) {
      return call.proceed();
    }
    Object[] args = call.getArgs();
    args[index] = bound;
    return call.proceed(args);
  }
}
