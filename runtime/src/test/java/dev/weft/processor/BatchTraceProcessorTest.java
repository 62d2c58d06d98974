package dev.weft.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.RecordingProcessor;
import dev.weft.SpanRecord;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchTraceProcessorTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final List<CollectingExporter> exporters = new ArrayList<>();
  private SpanRecord span;
  private TraceRecord started;
  private TraceRecord ended;

  @BeforeEach
  void setUp() {
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    RecordingProcessor recorder = TestTracing.reset();
    try (Trace trace = Tracing.trace("wf").start()) {
      Tracing.startAgentSpan("agent").close();
    }
    span = recorder.spanEnds.get(0);
    started = recorder.traceStarts.get(0);
    ended = recorder.traceEnds.get(0);
  }

  @AfterEach
  void tearDown() {
    exporters.forEach(e -> e.gate.countDown());
    WeftLog.setOutput(System.err);
  }

  private CollectingExporter exporter(boolean open) {
    CollectingExporter exporter = new CollectingExporter(open);
    exporters.add(exporter);
    return exporter;
  }

  @Test
  void onSpanEnd_withAnExporterThatNeverReturns_neverBlocksAndCountsDrops() throws Exception {
    CollectingExporter stuck = exporter(false);
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(stuck)
            .maxQueueSize(1000)
            .maxBatchSize(10)
            .exportTimeout(Duration.ofMillis(200))
            .build();
    long start = System.nanoTime();
    for (int i = 0; i < 100_000; i++) {
      processor.onSpanEnd(span);
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    // Generous for a loaded 2-core machine; a blocking call would never return at all.
    assertThat(elapsedMillis).isLessThan(5_000);
    // The queue holds 1000; the worker may hold one batch of at most 10 in its stuck export.
    assertThat(processor.droppedCount()).isBetween(98_990L, 99_000L);

    long shutdownStart = System.nanoTime();
    processor.shutdown();
    assertThat((System.nanoTime() - shutdownStart) / 1_000_000).isLessThan(3_000);
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("did not finish exporting before the deadline");
    assertThat(text).containsPattern("dropped \\d{5} trace and span records");
    assertThat(processor.droppedCount()).isGreaterThanOrEqualTo(99_990L);
  }

  @Test
  void worker_exportsAsSoonAsABatchIsFull() throws Exception {
    CollectingExporter exporter = exporter(true);
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter)
            .maxBatchSize(5)
            .scheduleDelay(Duration.ofHours(1))
            .build();
    for (int i = 0; i < 5; i++) {
      processor.onSpanEnd(span);
    }
    assertThat(exporter.awaitExported(5, 10_000)).isTrue();
    assertThat(exporter.batchSizes).containsExactly(5);
    processor.shutdown();
  }

  @Test
  void afterAnOverflow_theQueueHoldsOnlyTheBacklog_untilTheExporterCatchesUp() throws Exception {
    GatedExporter exporter = new GatedExporter();
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter)
            .maxQueueSize(20_000)
            .maxBatchSize(10)
            .scheduleDelay(Duration.ofHours(1))
            .build();
    int backlog = BatchTraceProcessor.overflowBacklog(20_000, 10);
    assertThat(backlog).isEqualTo(BatchTraceProcessor.OVERFLOW_BACKLOG);
    try {
      // A first batch holds the worker in the exporter; a burst fills the queue, and overflows.
      enqueue(processor, 10);
      exporter.awaitEntered();
      enqueue(processor, 20_000);
      assertThat(processor.droppedCount()).isZero();
      enqueue(processor, 5);
      assertThat(processor.droppedCount()).isEqualTo(5);

      // The worker takes its next batch and sees the overflow: with room in the queue again, a
      // new item is dropped while more than the backlog wait.
      exporter.pass(1);
      exporter.awaitEntered();
      assertThat(processor.queuedCount()).isEqualTo(19_990);
      enqueue(processor, 1);
      assertThat(processor.droppedCount()).isEqualTo(6);
      assertThat(processor.queuedCount()).isEqualTo(19_990);

      // Once the exporter has caught up, a burst deeper than the backlog is queued whole again.
      exporter.pass(Integer.MAX_VALUE / 2);
      processor.forceFlush();
      assertThat(exporter.exported()).isEqualTo(20_010);
      exporter.close();
      enqueue(processor, 10);
      exporter.awaitEntered();
      enqueue(processor, backlog + 1_000);
      assertThat(processor.droppedCount()).isEqualTo(6);
      assertThat(processor.queuedCount()).isEqualTo(backlog + 1_000);
    } finally {
      exporter.pass(Integer.MAX_VALUE / 2);
      processor.shutdown();
    }
    assertThat(exporter.exported()).isEqualTo(20_010 + 10 + backlog + 1_000);
  }

  private void enqueue(BatchTraceProcessor processor, int count) {
    for (int i = 0; i < count; i++) {
      processor.onSpanEnd(span);
    }
  }

  /** An exporter that lets a batch through only when the test passes it. */
  private static final class GatedExporter implements SpanExporter {
    private final Semaphore passes = new Semaphore(0);
    private final Semaphore entered = new Semaphore(0);
    private final AtomicInteger exported = new AtomicInteger();

    @Override
    public void export(List<TraceRecord> traces, List<SpanRecord> spans) throws Exception {
      entered.release();
      passes.acquire();
      exported.addAndGet(traces.size() + spans.size());
    }

    void pass(int batches) {
      passes.release(batches);
    }

    /** Lets no further batch through until {@link #pass}. */
    void close() {
      passes.drainPermits();
      entered.drainPermits();
    }

    void awaitEntered() throws InterruptedException {
      assertThat(entered.tryAcquire(10, TimeUnit.SECONDS))
          .as("the worker handed the exporter a batch")
          .isTrue();
    }

    int exported() {
      return exported.get();
    }
  }

  @Test
  void worker_exportsAPartialBatchAfterTheScheduleDelay() throws Exception {
    CollectingExporter exporter = exporter(true);
    long start = System.nanoTime();
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter)
            .maxBatchSize(100)
            .scheduleDelay(Duration.ofMillis(200))
            .build();
    processor.onTraceStart(started);
    processor.onSpanEnd(span);
    assertThat(exporter.awaitExported(2, 10_000)).isTrue();
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    assertThat(exporter.traces).containsExactly(started);
    assertThat(exporter.spans).containsExactly(span);
    processor.shutdown();
  }

  @Test
  void forceFlush_drainsTheQueueAndFlushesTheExporter() {
    CollectingExporter exporter = exporter(true);
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter).scheduleDelay(Duration.ofHours(1)).build();
    processor.onTraceStart(started);
    for (int i = 0; i < 10; i++) {
      processor.onSpanEnd(span);
    }
    processor.onTraceEnd(ended);
    processor.onSpanStart(span);
    processor.forceFlush();
    assertThat(exporter.traces).containsExactly(started, ended);
    assertThat(exporter.spans).hasSize(10);
    assertThat(exporter.flushes).isEqualTo(1);
    assertThat(processor.queuedCount()).isZero();
    processor.shutdown();
  }

  @Test
  void shutdown_drainsWithinTheDeadline_shutsTheExporterDown_andReportsDrops() {
    CollectingExporter exporter = exporter(false);
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter)
            .maxQueueSize(20)
            .maxBatchSize(20)
            .scheduleDelay(Duration.ofHours(1))
            .build();
    for (int i = 0; i < 30; i++) {
      processor.onSpanEnd(span);
    }
    long dropped = processor.droppedCount();
    assertThat(dropped).isBetween(0L, 10L);
    exporter.gate.countDown();
    processor.shutdown();
    assertThat(exporter.spans).hasSize(30 - (int) dropped);
    assertThat(exporter.shutdowns).isEqualTo(1);
    if (dropped > 0) {
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("dropped " + dropped + " trace");
    }
    processor.onSpanEnd(span);
    assertThat(processor.droppedCount()).isEqualTo(dropped + 1);
  }

  /** An exporter that takes 20 ms a batch: slow, but always making progress. */
  private static final class SlowExporter implements SpanExporter {
    final List<SpanRecord> exported = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void export(List<dev.weft.TraceRecord> traces, List<SpanRecord> spans)
        throws InterruptedException {
      Thread.sleep(20);
      exported.addAll(spans);
    }
  }

  /** A processor whose 30 queued spans take about 600 ms, six times its export timeout. */
  private BatchTraceProcessor slowProcessor(SlowExporter slow) {
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(slow)
            .maxBatchSize(1)
            .scheduleDelay(Duration.ofHours(1))
            .exportTimeout(Duration.ofMillis(100))
            .build();
    for (int i = 0; i < 30; i++) {
      processor.onSpanEnd(span);
    }
    return processor;
  }

  /**
   * Returns what this test's slow processor logged; a worker left behind by an earlier test may
   * still log into the captured output, under its own exporter's name.
   */
  private List<String> slowProcessorLines() {
    return log.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.contains(SlowExporter.class.getSimpleName()))
        .toList();
  }

  @Test
  void shutdown_waitsPastTheExportTimeout_whileTheExporterKeepsExporting() {
    SlowExporter slow = new SlowExporter();
    BatchTraceProcessor processor = slowProcessor(slow);
    processor.shutdown();
    assertThat(slow.exported).hasSize(30);
    assertThat(processor.droppedCount()).isZero();
    assertThat(slowProcessorLines()).isEmpty();
  }

  @Test
  void forceFlush_waitsPastTheExportTimeout_whileTheExporterKeepsExporting() {
    SlowExporter slow = new SlowExporter();
    BatchTraceProcessor processor = slowProcessor(slow);
    processor.forceFlush();
    assertThat(slow.exported).hasSize(30);
    assertThat(slowProcessorLines()).isEmpty();
    processor.shutdown();
  }

  @Test
  void shutdown_givesUpAfterTheExportTimeout_onAnExporterThatMakesNoProgress() {
    CollectingExporter exporter = exporter(false);
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter)
            .scheduleDelay(Duration.ofHours(1))
            .exportTimeout(Duration.ofMillis(200))
            .build();
    processor.onSpanEnd(span);
    processor.onSpanEnd(span);
    long start = System.nanoTime();
    processor.shutdown();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("did not finish exporting before the deadline");
    exporter.gate.countDown();
  }

  @Test
  void shutdown_withoutDrops_logsNothing() {
    CollectingExporter exporter = exporter(true);
    BatchTraceProcessor processor = BatchTraceProcessor.builder(exporter).build();
    processor.onSpanEnd(span);
    processor.shutdown();
    processor.shutdown();
    assertThat(exporter.spans).containsExactly(span);
    assertThat(exporter.shutdowns).isEqualTo(1);
    assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void builder_rejectsBadValuesAtOnce() {
    SpanExporter exporter = (traces, spans) -> {};
    assertThatThrownBy(() -> BatchTraceProcessor.builder(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchTraceProcessor.builder(exporter).maxQueueSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchTraceProcessor.builder(exporter).maxBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchTraceProcessor.builder(exporter).scheduleDelay(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> BatchTraceProcessor.builder(exporter).exportTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
