package dev.weft.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.internal.WeftLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Carries the trace context into work handed to the JDK's executors, the way the OpenTelemetry
 * agent does: the task is bound to the submitting thread's context at the submission point, so a
 * tool run on a pool or a virtual thread nests under the span that started it. Those of the JDK
 * classes that are loaded already are transformed again (no class format changes); the transformer
 * looks at no other class: a class loaded later costs it one map lookup.
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
final class ExecutorInstrumentation implements WeavingTransformer.Weaving {
  /** The advice for each JDK class, by internal name; read when the class is woven. */
  private final Map<String, List<Hook>> advice = new HashMap<>();

  private final ClassFileLocator adviceClasses;

  private ExecutorInstrumentation(ClassFileLocator adviceClasses) {
    this.adviceClasses = adviceClasses;
    add(
        "java/util/concurrent/ThreadPoolExecutor",
        named("execute").and(takesArguments(Runnable.class)),
        ExecutorAdvice.WrapRunnableUnlessFutureTask.class);
    add(
        "java/util/concurrent/AbstractExecutorService",
        named("newTaskFor").and(takesArgument(0, Runnable.class)),
        ExecutorAdvice.WrapRunnable.class);
    add(
        "java/util/concurrent/AbstractExecutorService",
        named("newTaskFor").and(takesArgument(0, Callable.class)),
        ExecutorAdvice.WrapCallable.class);
    add(
        "java/util/concurrent/ScheduledThreadPoolExecutor",
        namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
            .and(takesArgument(0, Runnable.class)),
        ExecutorAdvice.WrapRunnable.class);
    add(
        "java/util/concurrent/ScheduledThreadPoolExecutor",
        named("schedule").and(takesArgument(0, Callable.class)),
        ExecutorAdvice.WrapCallable.class);
    add(
        "java/util/concurrent/ForkJoinPool",
        namedOneOf("execute", "submit").and(takesArgument(0, Runnable.class)),
        ExecutorAdvice.WrapRunnable.class);
    add(
        "java/util/concurrent/ForkJoinPool",
        named("submit").and(takesArgument(0, Callable.class)),
        ExecutorAdvice.WrapCallable.class);
    add(
        "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor",
        named("execute").and(takesArguments(Runnable.class)),
        ExecutorAdvice.WrapRunnable.class);
    add(
        "java/lang/ThreadBuilders",
        named("newVirtualThread")
            .and(takesArguments(4))
            .and(takesArgument(0, Executor.class))
            .and(takesArgument(3, Runnable.class)),
        ExecutorAdvice.WrapFourthRunnable.class);
  }

  /**
   * Registers the executor transformer and transforms again those of its JDK classes that are
   * loaded already.
   */
  static void install(Instrumentation instrumentation, ClassFileLocator adviceClasses) {
    ExecutorInstrumentation executors = new ExecutorInstrumentation(adviceClasses);
    WeavingTransformer transformer = new WeavingTransformer(executors, new TypePoolCache());
    instrumentation.addTransformer(transformer, true);
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getClassLoader() == null
          && executors.advice.containsKey(type.getName().replace('.', '/'))
          && instrumentation.isModifiableClass(type)) {
        loaded.add(type);
      }
    }
    for (Class<?> type : loaded) {
      try {
        instrumentation.retransformClasses(type);
      } catch (Exception | LinkageError e) {
        WeftLog.debug("cannot weave " + type.getName() + ": " + e);
      }
    }
  }

  private void add(
      String internalName,
      ElementMatcher<? super MethodDescription> methods,
      Class<?> adviceClass) {
    List<Hook> hooks = advice.get(internalName);
    if (hooks == null) {
      hooks = new ArrayList<>();
      advice.put(internalName, hooks);
    }
    hooks.add(new Hook(methods, adviceClass));
  }

  @Override
  public boolean mayWeave(ClassLoader classLoader, String internalName) {
    return classLoader == null && advice.containsKey(internalName);
  }

  @Override
  public boolean matches(TypeDescription type) {
    return true;
  }

  @Override
  public DynamicType.Builder<?> weave(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader classLoader,
      ClassFileLocator classFile) {
    DynamicType.Builder<?> woven = builder;
    for (Hook hook : advice.get(type.getInternalName())) {
      AsmVisitorWrapper wrapper =
          Advice.to(TypeDescription.ForLoadedType.of(hook.adviceClass), adviceClasses)
              .on(hook.methods);
      woven = woven.visit(wrapper);
    }
    return woven;
  }

  /** The advice for some methods of one class. */
  private static final class Hook {
    final ElementMatcher<? super MethodDescription> methods;
    final Class<?> adviceClass;

    Hook(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass) {
      this.methods = methods;
      this.adviceClass = adviceClass;
    }
  }
}
