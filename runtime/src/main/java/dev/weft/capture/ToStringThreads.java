package dev.weft.capture;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads {@code weft-tostring-N} on which the application's {@code toString()} is
 * called when it may be slow: at most {@value #MAX_THREADS}, started when first needed and ended
 * after {@value #KEEP_ALIVE_SECONDS} seconds without work.
 *
 * <p>They never pile up: a call that outlasts its caller's bound keeps its thread until it returns,
 * and while every thread is held that way no call is queued at all ({@link #submit} answers null at
 * once). A call its caller gave up on before it started is never made.
 *
 * <p>The threads inherit nothing from the thread that happened to start them: no inheritable
 * thread-locals, no access control context (which would hold the class loaders of the classes on
 * that thread's stack), no context class loader. Each call runs with its caller's context class
 * loader, and with none after.
 */
final class ToStringThreads {
  /** The most threads. */
  static final int MAX_THREADS = 2;

  private static final int KEEP_ALIVE_SECONDS = 30;

  /** Calls waiting for a thread; their callers wait at most their bound for them. */
  private static final int MAX_QUEUED = 64;

  private final ThreadPoolExecutor pool;

  /** Calls still running after their caller gave up on them. */
  private final AtomicInteger overdue = new AtomicInteger();

  ToStringThreads() {
    pool =
        new ThreadPoolExecutor(
            MAX_THREADS,
            MAX_THREADS,
            KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_QUEUED),
            new Daemons(),
            new Refuse());
    pool.allowCoreThreadTimeOut(true);
  }

  /** Returns the threads shared by every renderer of the JVM, started when first needed. */
  static ToStringThreads shared() {
    return Shared.INSTANCE;
  }

  /** Returns whether the current thread is one of these threads of any instance. */
  static boolean onToStringThread() {
    return Thread.currentThread() instanceof Worker;
  }

  /**
   * Queues {@code value.toString()}, to be timed by {@code ticker}; returns the call, or null when
   * no thread can take it: every one is held by an overdue call, or too many calls wait.
   */
  Call submit(Object value, Call.Listener listener, BoundedToString.Ticker ticker) {
    if (overdue.get() >= MAX_THREADS) {
      return null;
    }
    Call call =
        new Call(value, Thread.currentThread().getContextClassLoader(), listener, ticker, this);
    pool.execute(call);
    return call.refused() ? null : call;
  }

  /** Returns how many calls are running after their caller gave up on them. */
  int overdue() {
    return overdue.get();
  }

  /** Stops the threads once their calls have returned; for tests. */
  void shutdown() {
    pool.shutdown();
  }

  void callOverdue() {
    overdue.incrementAndGet();
  }

  void overdueCallReturned() {
    overdue.decrementAndGet();
  }

  /** One {@code toString()} call, waited for by its caller for at most a bound. */
  static final class Call implements Runnable {
    /** Told how a call went when nobody waits for it any more. */
    interface Listener {
      /** The call returned after its caller had given up on it. */
      void returnedLate();
    }

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int ABANDONED = 3;
    private static final int OVERDUE = 4;
    private static final int REFUSED = 5;

    private final Object value;
    private final ClassLoader contextLoader;
    private final Listener listener;
    private final BoundedToString.Ticker ticker;
    private final ToStringThreads threads;
    private int state = QUEUED;
    private String text;
    private boolean threw;
    private long nanos;

    private Call(
        Object value,
        ClassLoader contextLoader,
        Listener listener,
        BoundedToString.Ticker ticker,
        ToStringThreads threads) {
      this.value = value;
      this.contextLoader = contextLoader;
      this.listener = listener;
      this.ticker = ticker;
      this.threads = threads;
    }

    @Override
    public void run() {
      synchronized (this) {
        if (state != QUEUED) {
          return;
        }
        state = RUNNING;
      }
      Thread thread = Thread.currentThread();
      String result;
      boolean failed = false;
      long start = ticker.nanoTime();
      try {
        thread.setContextClassLoader(contextLoader);
        result = value.toString();
        if (result == null) {
          result = "null";
        }
      } catch (Throwable t) {
        // A stack overflow or an exhausted heap here is the value's, not the application's.
        result = "<toString() threw " + t.getClass().getSimpleName() + ">";
        failed = true;
      } finally {
        thread.setContextClassLoader(null);
      }
      long took = ticker.nanoTime() - start;
      boolean late;
      synchronized (this) {
        late = state == OVERDUE;
        state = DONE;
        text = result;
        threw = failed;
        nanos = took;
        notifyAll();
      }
      if (late) {
        threads.overdueCallReturned();
        listener.returnedLate();
      }
    }

    /**
     * Waits for the call at most {@code timeoutNanos}; returns whether it returned. The wait cannot
     * be interrupted: an interrupt is kept for the caller's code to see, as it arrived.
     */
    boolean await(long timeoutNanos) {
      long deadline = System.nanoTime() + timeoutNanos;
      boolean interrupted = false;
      try {
        synchronized (this) {
          while (state != DONE) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
              return false;
            }
            try {
              TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
          return true;
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /**
     * Gives the call up after {@link #await} said no; returns whether it is running: it is then
     * overdue and holds its thread until it returns. One that had not started never will; one that
     * returned in the meantime is {@link #done}.
     */
    boolean giveUp() {
      synchronized (this) {
        if (state == QUEUED) {
          state = ABANDONED;
        }
        if (state != RUNNING) {
          return false;
        }
        state = OVERDUE;
      }
      threads.callOverdue();
      return true;
    }

    /** Returns whether the call returned, given up on or not. */
    synchronized boolean done() {
      return state == DONE;
    }

    /** Returns what {@code toString()} returned, or the placeholder of what it threw. */
    synchronized String text() {
      return text;
    }

    /** Returns whether {@code toString()} threw. */
    synchronized boolean threw() {
      return threw;
    }

    /** Returns how long {@code toString()} took, in nanoseconds. */
    synchronized long nanos() {
      return nanos;
    }

    synchronized boolean refused() {
      return state == REFUSED;
    }

    synchronized void refuse() {
      state = REFUSED;
    }
  }

  /** The renderer's threads, told apart from the application's. */
  private static final class Worker extends Thread {
    Worker(Runnable work, String name) {
      super(null, work, name, 0, false);
    }
  }

  private static final class Daemons implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    @SuppressWarnings("removal") // the access control context is inherited on Java 17 regardless
    public Thread newThread(Runnable work) {
      String name = "weft-tostring-" + count.incrementAndGet();
      // Made in a privileged block so that the thread's inherited access control context holds
      // none of the protection domains, and so class loaders, of the caller's stack.
      return AccessController.doPrivileged(
          new PrivilegedAction<Thread>() {
            @Override
            public Thread run() {
              Thread thread = new Worker(work, name);
              thread.setDaemon(true);
              thread.setContextClassLoader(null);
              return thread;
            }
          });
    }
  }

  private static final class Refuse implements RejectedExecutionHandler {
    @Override
    public void rejectedExecution(Runnable work, ThreadPoolExecutor pool) {
      if (work instanceof Call call) {
        call.refuse();
      }
    }
  }

  private static final class Shared {
    static final ToStringThreads INSTANCE = new ToStringThreads();
  }
}
