package dev.weft.export.files;

import dev.weft.internal.WeftLog;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread of an exporter's own that runs what it is handed one task at a time, in order,
 * started by the first task. The file exporters write on it while their batch thread prepares the
 * next batch.
 */
final class ExporterThread {
  private final String name;
  private ExecutorService executor;
  private volatile Thread thread;

  /** A thread named {@code name}, started when first needed. */
  ExporterThread(String name) {
    this.name = name;
  }

  /** Runs {@code task} on the thread after what it was handed before. */
  Future<?> submit(Runnable task) {
    if (executor == null) {
      executor =
          Executors.newSingleThreadExecutor(
              runnable -> {
                Thread made = new Thread(runnable, name);
                made.setDaemon(true);
                thread = made;
                return made;
              });
    }
    return executor.submit(task);
  }

  /**
   * Waits until {@code task} (or null for none) has run, without giving up on an interrupt, which
   * is kept for the caller to see: the task uses a buffer the caller reuses next. A task that
   * failed is logged, rate-limited, as {@code what}.
   */
  static void await(Future<?> task, String what) {
    if (task == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        task.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        WeftLog.warnRateLimited(what, what + " failed", e.getCause());
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends the thread once it is idle, and returns when it has ended (or after 5 s); called after
   * waiting for its last task. The executor counts as terminated a moment before its thread is
   * gone, so the thread is joined as well.
   */
  void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (executor.awaitTermination(5, TimeUnit.SECONDS) && thread != null) {
        thread.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
