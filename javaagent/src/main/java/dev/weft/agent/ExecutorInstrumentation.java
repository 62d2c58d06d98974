package dev.weft.agent;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.bootstrap.ContextHooks;
import dev.weft.internal.WeftLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Function;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Carries the trace context into work handed to the JDK's executors, the way the OpenTelemetry
 * agent does: the task is bound to the submitting thread's context at the submission point, so a
 * tool run on a pool or a virtual thread nests under the span that started it. Those of the JDK
 * classes that are loaded already are transformed again (no class format changes). A class woven at
 * an earlier start of the same agent build on the same JDK is taken from {@link WovenClassCache}.
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
 *
 * <p>Work the JDK keeps as the very object it was given cannot be replaced by a bound copy; its
 * context is remembered against it ({@link TaskContexts}) and made current around its run:
 *
 * <ul>
 *   <li>{@code ForkJoinTask.fork} and {@code ForkJoinPool.execute/submit/invoke} of a task, resumed
 *       in {@code ForkJoinTask.doExec} (parallel streams, {@code RecursiveTask}s);
 *   <li>{@code Thread.start} of a platform thread started by application code (not by a pool or
 *       framework, whose threads run other work later), resumed in {@code Thread.run}: a thread
 *       made from a {@code Runnable}, or a subclass whose {@code run} calls {@code super.run()}
 *       ({@code ThreadPoolExecutor.addWorker} and {@code CompletableFuture}'s thread-per-task
 *       executor mark the starts of their own threads);
 *   <li>{@code Timer.sched} (every {@code Timer.schedule*}), resumed where the timer's thread calls
 *       {@code TimerTask.run}.
 * </ul>
 *
 * <p>The advice calls only classes the agent defines in the boot loader ({@link ContextHooks}), the
 * only ones JDK classes can reach.
 */
final class ExecutorInstrumentation {
  /** The advice for each JDK class, by internal name; read when the class is woven. */
  private final Map<String, List<Hook>> advice = new HashMap<>();

  /**
   * Calls replaced in the methods of a JDK class, by internal name: made with a pool that describes
   * the class's neighbours, which the substitution must resolve.
   */
  private final Map<String, Function<TypePool, AsmVisitorWrapper>> substitutions = new HashMap<>();

  private final AdviceClasses adviceClasses;

  private ExecutorInstrumentation(ClassFileLocator adviceClasses) {
    this.adviceClasses = new AdviceClasses(adviceClasses);
    add(
        "java/util/concurrent/ThreadPoolExecutor",
        named("execute").and(takesArguments(Runnable.class)),
        ExecutorAdvice.WrapRunnableUnlessFutureTask.class);
    add(
        "java/util/concurrent/ThreadPoolExecutor",
        named("addWorker").and(takesArguments(Runnable.class, boolean.class)),
        ExecutorAdvice.PoolStartsThread.class);
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
    // Its thread runs only the task bound above, so the thread itself keeps no context.
    add(
        "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor",
        named("execute").and(takesArguments(Runnable.class)),
        ExecutorAdvice.PoolStartsThread.class);
    add(
        "java/util/concurrent/ForkJoinTask",
        named("fork").and(takesArguments(0)),
        ExecutorAdvice.HandOverThis.class);
    add(
        "java/util/concurrent/ForkJoinPool",
        namedOneOf("execute", "submit", "invoke")
            .and(takesArgument(0, named("java.util.concurrent.ForkJoinTask"))),
        ExecutorAdvice.HandOverFirst.class);
    add(
        "java/util/concurrent/ForkJoinTask",
        named("doExec").and(takesArguments(0)),
        ExecutorAdvice.ResumeThis.class);
    add(
        "java/lang/Thread",
        named("start").and(takesArguments(0)),
        ExecutorAdvice.HandOverThread.class);
    add("java/lang/Thread", named("run").and(takesArguments(0)), ExecutorAdvice.ResumeThread.class);
    add(
        "java/util/Timer",
        named("sched").and(takesArgument(0, TimerTask.class)),
        ExecutorAdvice.HandOverFirst.class);
    substitute(
        "java/util/TimerThread",
        pool ->
            MemberSubstitution.relaxed()
                .with(new MemberSubstitution.TypePoolResolver.ForExplicitPool(pool))
                .method(named("run").and(isDeclaredBy(TimerTask.class)))
                .replaceWith(timerTaskRun())
                .on(named("mainLoop")));
    add(
        "java/lang/ThreadBuilders",
        named("newVirtualThread")
            .and(takesArguments(4))
            .and(takesArgument(0, Executor.class))
            .and(takesArgument(3, Runnable.class)),
        ExecutorAdvice.WrapFourthRunnable.class);
  }

  /**
   * The JDK classes woven, by internal name: the transformer looks at no other class, so a class
   * loaded later costs it one set lookup.
   */
  static final Set<String> CLASSES =
      Set.of(
          "java/util/concurrent/ThreadPoolExecutor",
          "java/util/concurrent/AbstractExecutorService",
          "java/util/concurrent/ScheduledThreadPoolExecutor",
          "java/util/concurrent/ForkJoinPool",
          "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor",
          "java/util/concurrent/ForkJoinTask",
          "java/lang/Thread",
          "java/util/Timer",
          "java/util/TimerThread",
          "java/lang/ThreadBuilders");

  /**
   * Registers the executor transformer and transforms again those of its JDK classes that are
   * loaded already. Returns the transformer, which counts the classes it wove and those it took
   * from {@code cache}.
   *
   * @param cache the classes woven at earlier starts, or null
   */
  static WeavingTransformer install(
      Instrumentation instrumentation, ClassFileLocator adviceClasses, WovenClassCache cache) {
    WeavingTransformer transformer =
        new WeavingTransformer(new Deferred(adviceClasses), new TypePoolCache(), cache);
    instrumentation.addTransformer(transformer, true);
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getClassLoader() == null
          && CLASSES.contains(type.getName().replace('.', '/'))
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
    return transformer;
  }

  /**
   * The executor weaving with its advice and matchers set up at the first class the cache does not
   * have, so a start that finds every class there sets up none of it. A class of {@link #CLASSES}
   * is woven the same way on every start of the same agent build and JDK, so each may be kept.
   */
  static final class Deferred implements WeavingTransformer.Weaving {
    private final ClassFileLocator adviceClasses;
    private ExecutorInstrumentation instance;

    Deferred(ClassFileLocator adviceClasses) {
      this.adviceClasses = adviceClasses;
    }

    @Override
    public boolean mayWeave(ClassLoader classLoader, String internalName) {
      return classLoader == null && CLASSES.contains(internalName);
    }

    @Override
    public boolean matches(TypeDescription type) {
      return true;
    }

    @Override
    public String cacheVariant(ClassLoader classLoader, String internalName) {
      return "";
    }

    @Override
    public DynamicType.Builder<?> weave(
        DynamicType.Builder<?> builder,
        TypeDescription type,
        ClassLoader classLoader,
        ClassFileLocator classFile) {
      return instance().weave(builder, type, classLoader, classFile);
    }

    /**
     * Returns the weaving, set up at the first call, inside the weave of a class: a class loaded
     * meanwhile on this thread is left as it is ({@link WeavingTransformer}), so the set-up names
     * the listed classes rather than loading them.
     */
    private synchronized ExecutorInstrumentation instance() {
      if (instance == null) {
        instance = new ExecutorInstrumentation(adviceClasses);
      }
      return instance;
    }
  }

  private static java.lang.reflect.Method timerTaskRun() {
    try {
      return ContextHooks.class.getMethod("runTimerTask", TimerTask.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private void substitute(String internalName, Function<TypePool, AsmVisitorWrapper> substitution) {
    requireListed(internalName);
    substitutions.put(internalName, substitution);
  }

  private void add(
      String internalName,
      ElementMatcher<? super MethodDescription> methods,
      Class<?> adviceClass) {
    requireListed(internalName);
    List<Hook> hooks = advice.get(internalName);
    if (hooks == null) {
      hooks = new ArrayList<>();
      advice.put(internalName, hooks);
    }
    hooks.add(new Hook(methods, adviceClass));
  }

  private static void requireListed(String internalName) {
    if (!CLASSES.contains(internalName)) {
      throw new IllegalStateException(internalName + " is woven but not listed in CLASSES");
    }
  }

  /** Adds the advice and substitutions of the class to its builder. */
  DynamicType.Builder<?> weave(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader classLoader,
      ClassFileLocator classFile) {
    DynamicType.Builder<?> woven = builder;
    Function<TypePool, AsmVisitorWrapper> substitution = substitutions.get(type.getInternalName());
    if (substitution != null) {
      woven = woven.visit(substitution.apply(TypePool.Default.of(classFile)));
    }
    for (Hook hook : advice.getOrDefault(type.getInternalName(), List.of())) {
      woven = woven.visit(adviceClasses.of(hook.adviceClass).on(hook.methods));
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
