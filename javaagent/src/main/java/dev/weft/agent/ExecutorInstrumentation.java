package dev.weft.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Carries the trace context into work handed to the JDK's executors, the way the OpenTelemetry
 * agent does: the task is bound to the submitting thread's context at the submission point, so a
 * tool run on a pool or a virtual thread nests under the span that started it. Already loaded JDK
 * classes are transformed again (no class format changes).
 *
 * <ul>
 *   <li>{@code ThreadPoolExecutor.execute} (plain runnables; futures are bound in {@code
 *       newTaskFor}), {@code AbstractExecutorService.newTaskFor} (every {@code submit}, {@code
 *       invokeAll}, {@code invokeAny});
 *   <li>{@code ScheduledThreadPoolExecutor.schedule*};
 *   <li>{@code ForkJoinPool.execute/submit} of runnables and callables (also {@code
 *       CompletableFuture.*Async} on the common pool) and {@code CompletableFuture}'s own
 *       thread-per-task executor (used when the common pool has no parallelism);
 *   <li>{@code ThreadBuilders.newVirtualThread} (every virtual thread: {@code Thread.ofVirtual},
 *       virtual-thread-per-task executors, structured concurrency).
 * </ul>
 */
final class ExecutorInstrumentation {
  private ExecutorInstrumentation() {}

  /** Adds the executor transformations to {@code builder}. */
  static AgentBuilder builder(AgentBuilder builder, ClassFileLocator adviceLoader) {
    return builder
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .ignore(none())
        .type(named("java.util.concurrent.ThreadPoolExecutor"))
        .transform(
            new AgentBuilder.Transformer.ForAdvice()
                .include(adviceLoader)
                .advice(
                    named("execute").and(takesArguments(Runnable.class)),
                    ExecutorAdvice.WrapRunnableUnlessFutureTask.class.getName()))
        .type(named("java.util.concurrent.AbstractExecutorService"))
        .transform(
            new AgentBuilder.Transformer.ForAdvice()
                .include(adviceLoader)
                .advice(
                    named("newTaskFor").and(takesArgument(0, Runnable.class)),
                    ExecutorAdvice.WrapRunnable.class.getName())
                .advice(
                    named("newTaskFor").and(takesArgument(0, Callable.class)),
                    ExecutorAdvice.WrapCallable.class.getName()))
        .type(named("java.util.concurrent.ScheduledThreadPoolExecutor"))
        .transform(
            new AgentBuilder.Transformer.ForAdvice()
                .include(adviceLoader)
                .advice(
                    namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
                        .and(takesArgument(0, Runnable.class)),
                    ExecutorAdvice.WrapRunnable.class.getName())
                .advice(
                    named("schedule").and(takesArgument(0, Callable.class)),
                    ExecutorAdvice.WrapCallable.class.getName()))
        .type(named("java.util.concurrent.ForkJoinPool"))
        .transform(
            new AgentBuilder.Transformer.ForAdvice()
                .include(adviceLoader)
                .advice(
                    namedOneOf("execute", "submit").and(takesArgument(0, Runnable.class)),
                    ExecutorAdvice.WrapRunnable.class.getName())
                .advice(
                    named("submit").and(takesArgument(0, Callable.class)),
                    ExecutorAdvice.WrapCallable.class.getName()))
        .type(named("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor"))
        .transform(
            new AgentBuilder.Transformer.ForAdvice()
                .include(adviceLoader)
                .advice(
                    named("execute").and(takesArguments(Runnable.class)),
                    ExecutorAdvice.WrapRunnable.class.getName()))
        .type(named("java.lang.ThreadBuilders"))
        .transform(
            new AgentBuilder.Transformer.ForAdvice()
                .include(adviceLoader)
                .advice(
                    named("newVirtualThread")
                        .and(takesArguments(4))
                        .and(takesArgument(0, Executor.class))
                        .and(takesArgument(3, Runnable.class)),
                    ExecutorAdvice.WrapFourthRunnable.class.getName()));
  }
}
