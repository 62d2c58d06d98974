package dev.weft.processor;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.TracingProcessor;
import dev.weft.internal.WeftLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A processor that queues trace records and ended spans and exports them in batches on a daemon
 * thread, so the application never waits on an exporter.
 *
 * <p>The queue is bounded: when it is full, new items are dropped and counted, never blocking the
 * caller, so a stalled exporter cannot grow the heap. Its size is there to take a burst whole; once
 * it has overflowed, the application makes items faster than the exporter takes them, and until the
 * worker has emptied it the queue takes new items only while fewer than {@link
 * #overflowBacklog(int, int) a backlog} of them wait: under a sustained overload a deep queue of
 * live records would be copied by every young garbage collection of the application, and would
 * export no more. The worker exports when a batch is full or when the schedule delay has passed.
 * {@link #forceFlush()} drains the queue; {@link #shutdown()} drains it and reports what was
 * dropped. Both wait as long as the exporter makes progress, up to {@link #MAX_DRAIN_WAIT}, and
 * give up after the export timeout without progress.
 */
public final class BatchTraceProcessor implements TracingProcessor {
  /**
   * The default largest number of queued items: room for a burst of twenty thousand traces of ten
   * spans (a trace is queued at its start and at its end) while the exporter catches up. The
   * queue's slots take 1 MiB; the records held are the ended spans themselves.
   */
  public static final int DEFAULT_MAX_QUEUE_SIZE = 1 << 18;

  /**
   * The default largest number of queued items for an exporter that sends over the network (see
   * {@link SpanExporter#writesLocally()}): while an endpoint stalls, what waits for it is bounded
   * to this many records rather than to a burst's worth.
   */
  public static final int DEFAULT_NETWORK_QUEUE_SIZE = 8192;

  /**
   * How many items may wait in a queue that has overflowed, until the worker empties it: four
   * batches when that is more, never more than the queue holds.
   */
  static final int OVERFLOW_BACKLOG = 8192;

  /** The default largest number of items in one export. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 128;

  /**
   * The default largest number of items in one export to an exporter that writes to this machine
   * (see {@link SpanExporter#writesLocally()}) when {@code weft.batch.max-batch-size} is not set:
   * at a high rate, a write of a few hundred kilobytes costs less per span than many small ones.
   */
  public static final int DEFAULT_LOCAL_BATCH_SIZE = 2048;

  /**
   * The default longest wait before queued items are exported: what a crash can lose, and how late
   * a trace file or line may appear, is at most this.
   */
  public static final Duration DEFAULT_SCHEDULE_DELAY = Duration.ofMillis(1000);

  /**
   * The default longest wait of {@link #forceFlush()} and {@link #shutdown()} for an exporter that
   * exports nothing.
   */
  public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The longest wait of {@link #forceFlush()} and {@link #shutdown()} for an exporter that keeps
   * exporting: a burst queued just before exit is written to a slow disk rather than dropped, and
   * an exporter that stops making progress is still given up on after the export timeout.
   */
  public static final Duration MAX_DRAIN_WAIT = Duration.ofSeconds(60);

  private final SpanExporter exporter;
  private final ExportQueue queue;
  private final int maxBatchSize;
  private final long scheduleDelayNanos;
  private final long exportTimeoutNanos;
  private final LongAdder dropped = new LongAdder();
  // Written by the worker only, after each export call.
  private volatile long exports;
  private final ConcurrentLinkedQueue<CountDownLatch> flushRequests = new ConcurrentLinkedQueue<>();
  private final Thread worker;
  private volatile boolean stopping;
  private volatile boolean stopped;
  // Set by the worker while it sleeps, so producers wake it only then: unparking costs a system
  // call, too much to pay on every span.
  private volatile boolean sleeping;
  // Set when shutdown gave up on the worker: what it has not exported yet is counted as dropped.
  private volatile boolean abandoned;
  // How many items wait at most after the queue overflowed, until the worker empties it.
  private final int backlog;
  // Set by the worker when items were dropped since it last emptied the queue, cleared when it
  // empties it: while set, producers queue only while fewer than the backlog wait.
  private volatile boolean overflowed;
  // The drop count the worker last saw; the worker's only.
  private long dropsSeen;

  BatchTraceProcessor(
      SpanExporter exporter,
      int maxQueueSize,
      int maxBatchSize,
      Duration scheduleDelay,
      Duration exportTimeout) {
    this.exporter = exporter;
    this.queue = new ExportQueue(maxQueueSize);
    this.maxBatchSize = maxBatchSize;
    this.backlog = overflowBacklog(maxQueueSize, maxBatchSize);
    this.scheduleDelayNanos = scheduleDelay.toNanos();
    this.exportTimeoutNanos = exportTimeout.toNanos();
    this.worker = new Thread(this::work, "weft-batch-" + exporter.getClass().getSimpleName());
    worker.setDaemon(true);
    worker.start();
  }

  /** Returns a builder for a processor exporting through {@code exporter}. */
  public static Builder builder(SpanExporter exporter) {
    return new Builder(exporter);
  }

  /**
   * Returns how many items wait at most once a queue of {@code maxQueueSize} has overflowed, until
   * the worker has emptied it: {@link #OVERFLOW_BACKLOG}, or four batches of {@code maxBatchSize}
   * when more, within the queue's size.
   */
  static int overflowBacklog(int maxQueueSize, int maxBatchSize) {
    long batches = 4L * maxBatchSize;
    return (int) Math.min(maxQueueSize, Math.max(OVERFLOW_BACKLOG, batches));
  }

  /** Returns how many items were dropped because the queue was full or the deadline passed. */
  public long droppedCount() {
    return dropped.sum();
  }

  /**
   * Returns how many export calls the worker has made: a count that grows while the exporter makes
   * progress, read at exit to tell a slow exporter from a stalled one.
   */
  public long exportCount() {
    return exports;
  }

  /** Returns the most items handed to the exporter in one call. */
  public int maxBatchSize() {
    return maxBatchSize;
  }

  /** Returns how many items the queue holds at most; more are dropped and counted. */
  public int queueCapacity() {
    return queue.capacity();
  }

  /** Returns how many items wait in the queue. */
  public int queuedCount() {
    return queue.size();
  }

  @Override
  public void onTraceStart(TraceRecord trace) {
    enqueue(trace);
  }

  @Override
  public void onTraceEnd(TraceRecord trace) {
    enqueue(trace);
  }

  @Override
  public void onSpanEnd(SpanRecord span) {
    enqueue(span);
  }

  private void enqueue(Object item) {
    if (stopping || (overflowed && queue.size() >= backlog) || !queue.offer(item)) {
      dropped.increment();
      return;
    }
    if (sleeping && queue.size() >= maxBatchSize) {
      sleeping = false;
      LockSupport.unpark(worker);
    }
  }

  @Override
  public void forceFlush() {
    if (stopped || Thread.currentThread() == worker) {
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    flushRequests.add(done);
    LockSupport.unpark(worker);
    long giveUp = System.nanoTime() + MAX_DRAIN_WAIT.toNanos();
    try {
      long seen;
      boolean flushed;
      do {
        seen = exports;
        flushed = done.await(exportTimeoutNanos, TimeUnit.NANOSECONDS);
      } while (!flushed && exports != seen && System.nanoTime() - giveUp < 0);
      if (!flushed) {
        WeftLog.warn(name() + " did not finish flushing in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void shutdown() {
    if (stopping) {
      return;
    }
    stopping = true;
    LockSupport.unpark(worker);
    long giveUp = System.nanoTime() + MAX_DRAIN_WAIT.toNanos();
    try {
      long seen;
      do {
        seen = exports;
        worker.join(TimeUnit.NANOSECONDS.toMillis(exportTimeoutNanos));
      } while (worker.isAlive() && exports != seen && System.nanoTime() - giveUp < 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      abandoned = true;
      dropped.add(queue.size());
      worker.interrupt();
      WeftLog.warn(name() + " did not finish exporting before the deadline");
    }
    long lost = dropped.sum();
    if (lost > 0) {
      WeftLog.warn(
          name()
              + " dropped "
              + lost
              + " trace and span records (made faster than it exported them, or left at the"
              + " deadline; weft.batch.max-queue-size sets the longest burst kept whole)");
    }
  }

  private void work() {
    List<Object> batch = new ArrayList<>(maxBatchSize);
    while (!stopping) {
      if (queue.size() < maxBatchSize && flushRequests.isEmpty()) {
        sleeping = true;
        // Checked again after announcing the sleep: a producer that added the last item of a
        // batch before seeing the flag is seen here, and one after it unparks.
        if (queue.size() < maxBatchSize && flushRequests.isEmpty() && !stopping) {
          LockSupport.parkNanos(this, scheduleDelayNanos);
        }
        sleeping = false;
      }
      exportAll(batch);
      CountDownLatch request;
      while ((request = flushRequests.poll()) != null) {
        flush();
        request.countDown();
      }
    }
    exportAll(batch);
    flush();
    try {
      exporter.shutdown();
    } catch (Exception e) {
      WeftLog.warnRateLimited(name() + "#shutdown", name() + " failed to shut down", e);
    }
    stopped = true;
    CountDownLatch request;
    while ((request = flushRequests.poll()) != null) {
      request.countDown();
    }
  }

  private void exportAll(List<Object> batch) {
    while (!abandoned && drain(batch) > 0) {
      List<TraceRecord> traces = new ArrayList<>();
      List<SpanRecord> spans = new ArrayList<>(batch.size());
      for (Object item : batch) {
        if (item instanceof SpanRecord span) {
          spans.add(span);
        } else {
          traces.add((TraceRecord) item);
        }
      }
      batch.clear();
      try {
        exporter.export(traces, spans);
      } catch (Throwable t) {
        WeftLog.warnRateLimited(name() + "#export", name() + " failed to export a batch", t);
      }
      exports++;
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  /**
   * Takes the next batch from the queue. Marks the queue overflowed when items were dropped since
   * the last look, and clears the mark once it finds the queue empty: the exporter has caught up.
   */
  private int drain(List<Object> batch) {
    if (backlog < queue.capacity()) {
      long drops = dropped.sum();
      if (drops != dropsSeen) {
        dropsSeen = drops;
        overflowed = true;
      }
    }
    int taken = queue.drainTo(batch, maxBatchSize);
    if (taken == 0 && overflowed) {
      // Drops counted while the backlog was held are no new overflow.
      dropsSeen = dropped.sum();
      overflowed = false;
    }
    return taken;
  }

  private void flush() {
    try {
      exporter.flush();
    } catch (Throwable t) {
      WeftLog.warnRateLimited(name() + "#flush", name() + " failed to flush", t);
    }
  }

  private String name() {
    return "exporter " + exporter.getClass().getSimpleName();
  }

  /** Builds a {@link BatchTraceProcessor}; each setter checks its value at once. */
  public static final class Builder {
    private final SpanExporter exporter;
    private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private Duration scheduleDelay = DEFAULT_SCHEDULE_DELAY;
    private Duration exportTimeout = DEFAULT_EXPORT_TIMEOUT;

    private Builder(SpanExporter exporter) {
      if (exporter == null) {
        throw new IllegalArgumentException("exporter must not be null");
      }
      this.exporter = exporter;
    }

    /** Sets the largest number of queued items; at least 1, at most 2^30. */
    public Builder maxQueueSize(int value) {
      if (value < 1 || value > ExportQueue.MAX_CAPACITY) {
        throw new IllegalArgumentException(
            "maxQueueSize must be between 1 and " + ExportQueue.MAX_CAPACITY + ": " + value);
      }
      this.maxQueueSize = value;
      return this;
    }

    /** Sets the largest number of items in one export; at least 1. */
    public Builder maxBatchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBatchSize must be at least 1: " + value);
      }
      this.maxBatchSize = value;
      return this;
    }

    /** Sets the longest wait before queued items are exported; positive. */
    public Builder scheduleDelay(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("scheduleDelay must be positive: " + value);
      }
      this.scheduleDelay = value;
      return this;
    }

    /** Sets the longest wait of a flush or shutdown; positive. */
    public Builder exportTimeout(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("exportTimeout must be positive: " + value);
      }
      this.exportTimeout = value;
      return this;
    }

    /** Builds the processor and starts its worker thread. */
    public BatchTraceProcessor build() {
      return new BatchTraceProcessor(
          exporter,
          maxQueueSize,
          Math.min(maxBatchSize, maxQueueSize),
          scheduleDelay,
          exportTimeout);
    }
  }
}
