package dev.weft.agent;

import dev.weft.Scope;
import dev.weft.TracingContext;
import dev.weft.instrumentation.api.WeakIdentityMap;
import java.util.Optional;
import java.util.TimerTask;

/**
 * Carries the trace context into work the JDK runs later on another thread but which cannot be
 * replaced by a bound copy, because the JDK (or the application) keeps the object itself: a {@code
 * ForkJoinTask} that is forked, a {@code TimerTask} that is scheduled, a platform {@code Thread}
 * that is started. The context current where the work is handed over is remembered against the
 * object, weakly, and made current around its run. Called from code woven into JDK classes, through
 * {@link JdkContextHooks}.
 *
 * <p>With no context current nothing is remembered, and a run looks up nothing while no context is
 * remembered at all.
 */
public final class TaskContexts {
  private static final WeakIdentityMap<TracingContext> PENDING = new WeakIdentityMap<>();

  /**
   * Packages besides the JDK's whose code starts threads that live on and run other work: pools,
   * event loops, schedulers, connection managers. A thread they start is not part of what the
   * current span does, and must not keep its context.
   */
  private static final String[] INFRASTRUCTURE = {
    "dev.weft.",
    "io.netty.",
    "reactor.",
    "io.grpc.",
    "okhttp3.",
    "okio.",
    "org.apache.",
    "org.eclipse.jetty.",
    "io.undertow.",
    "org.springframework.",
    "kotlinx.coroutines.",
    "io.vertx.",
    "com.zaxxer.",
    "io.micrometer.",
    "io.opentelemetry.",
    "ch.qos.logback.",
    "org.slf4j.",
    "com.google.common."
  };

  /** The JDK's own packages: its pools, clients and thread classes are infrastructure too. */
  private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

  private static final StackWalker STACK = StackWalker.getInstance();

  /**
   * Set on a thread while a pool starts a thread of its own ({@code ThreadPoolExecutor.addWorker},
   * {@code CompletableFuture}'s thread-per-task executor): that start is known to be the pool's
   * without walking the stack, which costs microseconds, and an application that makes a client and
   * its pool per request starts several threads each time.
   */
  private static final ThreadLocal<Boolean> POOL_STARTING = new ThreadLocal<>();

  private TaskContexts() {}

  /** Remembers the current context for {@code work}, when a context is current. */
  public static void handOver(Object work) {
    try {
      TracingContext context = TracingContext.current();
      if (!context.isEmpty() && work != null) {
        PENDING.put(work, context);
      }
    } catch (Throwable t) {
      // the work runs as it would without tracing
    }
  }

  /**
   * Remembers the current context for {@code thread}, a platform thread being started, unless the
   * code starting it is a pool or framework that keeps the thread for other work.
   */
  public static void handOverThread(Thread thread) {
    try {
      TracingContext context = TracingContext.current();
      if (context.isEmpty() || POOL_STARTING.get() != null) {
        return;
      }
      Class<?> type = thread.getClass();
      // A thread class of the JDK's own (a virtual thread, a fork/join worker, an HTTP client's
      // selector) is started by the JDK for its own work, as a walk would find.
      if (type != Thread.class && isJdk(type.getName())) {
        return;
      }
      Optional<String> starter =
          STACK.walk(
              frames ->
                  frames
                      .map(StackWalker.StackFrame::getClassName)
                      .filter(name -> !name.equals("java.lang.Thread"))
                      .filter(name -> !isHandOverFrame(name))
                      .findFirst());
      if (starter.isPresent() && !isInfrastructure(starter.get())) {
        PENDING.put(thread, context);
      }
    } catch (Throwable t) {
      // the thread runs as it would without tracing
    }
  }

  /**
   * Marks the current thread as a pool starting a thread of its own, until {@link
   * #unmarkPoolStart}: a thread started meanwhile keeps no context.
   *
   * @return false when the thread was marked already (the outer mark stays until its end)
   */
  public static boolean markPoolStart() {
    if (POOL_STARTING.get() != null) {
      return false;
    }
    POOL_STARTING.set(Boolean.TRUE);
    return true;
  }

  /** Ends the mark {@link #markPoolStart} set. */
  public static void unmarkPoolStart() {
    POOL_STARTING.remove();
  }

  /**
   * Makes the context remembered for {@code work} current, and forgets it.
   *
   * @return the scope to close when the work has run, or null when nothing was remembered
   */
  public static Scope resume(Object work) {
    if (PENDING.isEmpty()) {
      return null;
    }
    try {
      TracingContext context = PENDING.remove(work);
      return context == null ? null : context.makeCurrent();
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * As {@link #resume}, for a thread's own {@code run}: only on the thread itself, not when another
   * thread calls {@code run} as a plain method.
   */
  public static Scope resumeThread(Thread thread) {
    return thread == Thread.currentThread() ? resume(thread) : null;
  }

  /** Closes what {@link #resume} returned. */
  public static void end(Scope scope) {
    if (scope != null) {
      try {
        scope.close();
      } catch (Throwable t) {
        // restoring the thread's context never fails the work
      }
    }
  }

  /**
   * Runs a scheduled {@code TimerTask} within the context it was scheduled in: the call the timer's
   * thread makes in place of {@code task.run()}. A repeating task keeps its context for every run.
   */
  public static void runTimerTask(TimerTask task) {
    TracingContext context = PENDING.isEmpty() ? null : PENDING.get(task);
    if (context == null) {
      task.run();
      return;
    }
    try (Scope ignored = context.makeCurrent()) {
      task.run();
    }
  }

  /**
   * Whether a frame belongs to the hand-over itself rather than to the code starting the thread.
   */
  private static boolean isHandOverFrame(String className) {
    return className.startsWith("dev.weft.bootstrap.") || className.startsWith("dev.weft.agent.");
  }

  private static boolean isJdk(String className) {
    return startsWithAny(className, JDK);
  }

  static boolean isInfrastructure(String className) {
    return isJdk(className) || startsWithAny(className, INFRASTRUCTURE);
  }

  private static boolean startsWithAny(String className, String[] prefixes) {
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
