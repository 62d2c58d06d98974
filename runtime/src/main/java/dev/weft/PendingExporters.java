package dev.weft;

import dev.weft.config.WeftConfig;
import dev.weft.export.Exporters;
import dev.weft.internal.WeftLog;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The processors of a tracer's configured exporters while a thread of their own builds them ({@code
 * weft-exporters}): finding the exporter providers, starting each exporter and its batch thread
 * takes tens of milliseconds, which a tracer built at start-up need not take from the application's
 * main thread. Once built, they take this stand-in's place in the tracer; a trace that started
 * before that hands its records here, and each waits until they are built, for at most {@link
 * #MAX_WAIT_SECONDS}, so none is lost.
 */
final class PendingExporters implements TracingProcessor {
  /** How long a record waits for the exporters at most: building them takes a fraction of that. */
  static final long MAX_WAIT_SECONDS = 5;

  private final CountDownLatch built = new CountDownLatch(1);
  private volatile TracingProcessor target;
  private volatile boolean gaveUp;

  /**
   * Builds the exporters of {@code config} on a thread of their own and puts them in this
   * stand-in's place in {@code tracer}, which must hold it among its processors.
   */
  void start(WeftConfig config, Tracer tracer) {
    Thread thread =
        new Thread(
            () -> {
              List<TracingProcessor> processors = List.of();
              try {
                processors = Exporters.processorsFor(config);
              } catch (Throwable t) {
                WeftLog.error("the exporters could not start; traces will not be exported", t);
              } finally {
                target = MultiTracingProcessor.of(processors);
                tracer.replace(this, processors);
                built.countDown();
              }
            },
            "weft-exporters");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Returns the exporters' processors, waiting until they are built; after waiting in vain once,
   * processors that record nothing.
   */
  TracingProcessor target() {
    TracingProcessor t = target;
    if (t != null) {
      return t;
    }
    if (!gaveUp) {
      boolean interrupted = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
      while (target == null) {
        try {
          if (!built.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            gaveUp = true;
            WeftLog.warn(
                "the exporters took more than "
                    + MAX_WAIT_SECONDS
                    + " s to start; what was recorded until then is not exported");
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    t = target;
    return t != null ? t : MultiTracingProcessor.NOOP;
  }

  @Override
  public void onTraceStart(TraceRecord trace) {
    target().onTraceStart(trace);
  }

  @Override
  public void onTraceEnd(TraceRecord trace) {
    target().onTraceEnd(trace);
  }

  @Override
  public void onSpanStart(ReadableSpan span) {
    target().onSpanStart(span);
  }

  @Override
  public void onSpanEnd(SpanRecord span) {
    target().onSpanEnd(span);
  }

  @Override
  public void forceFlush() {
    target().forceFlush();
  }

  @Override
  public void shutdown() {
    target().shutdown();
  }
}
