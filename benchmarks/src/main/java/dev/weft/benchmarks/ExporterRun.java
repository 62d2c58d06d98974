package dev.weft.benchmarks;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.data.FunctionSpanData;
import dev.weft.export.Exporters;
import dev.weft.processor.BatchTraceProcessor;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

/**
 * One exporter's sustained rate and the application thread's cost per span, measured in a JVM of
 * its own (started by {@link ExporterRates}) so that what one exporter leaves behind (files in the
 * page cache, garbage, threads) does not slow the next.
 *
 * <p>The exporter is set up as the agent sets it up: the configuration names it in {@code
 * weft.exporters}, and {@link Exporters#processorsFor} puts it behind the batch processor with the
 * default {@code weft.batch.*} settings. The application thread produces traces of ten spans (an
 * agent span and nine tool spans with captured input and output) and, like {@link
 * FileExporterBenchmark}, waits while more than 8192 records (or half the queue, when smaller) are
 * queued, so nothing is dropped and the spans per second are what the exporter sustains; drops are
 * counted all the same. The application thread's CPU time ({@link
 * ThreadMXBean#getCurrentThreadCpuTime}) is summed over the making of traces only (read every 16
 * traces), not over the waits, so it is what tracing costs the thread that calls the traced code;
 * {@code exporters=none} gives the cost of making the spans alone.
 *
 * <p>Arguments are {@code key=value}: {@code exporter}, {@code seconds}, {@code warmup} (seconds),
 * {@code dir} (the folder the file exporters write to), {@code openai.endpoint}, {@code
 * otlp.endpoint}, {@code out} (the properties file the figures are written to, since {@code
 * console} prints the traces on standard output).
 */
public final class ExporterRun {
  private static final String INPUT = "{\"order_id\":\"A-10293\",\"include_history\":true}";
  private static final String OUTPUT =
      "{\"status\":\"shipped\",\"carrier\":\"DHL\",\"eta\":\"2d\"}";
  private static final int SPANS_PER_TRACE = 10;
  // Traces made between two readings of the thread's CPU time, and between two looks at the queue:
  // 160 records, next to a high water mark of thousands.
  private static final int TRACES_PER_READING = 16;

  private final BatchTraceProcessor batch;
  private final int highWater;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  private ExporterRun(BatchTraceProcessor batch, int highWater) {
    this.batch = batch;
    this.highWater = highWater;
  }

  /** Measures the exporter named by the arguments; see the class comment. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opts = SideBySide.parse(args);
    String exporter = opts.get("exporter");
    WeftConfig config =
        WeftConfig.load(
            "exporters="
                + exporter
                + ";json.dir="
                + opts.get("dir")
                + ";openai.endpoint="
                + opts.get("openai.endpoint")
                + ";openai.api-key=sk-bench"
                + ";otlp.endpoint="
                + opts.get("otlp.endpoint")
                + ";include-sensitive-data=true");
    Tracing.configure(WeftConfig.load("exporters=none;include-sensitive-data=true"));
    List<TracingProcessor> processors = Exporters.processorsFor(config);
    BatchTraceProcessor batch = null;
    if (!exporter.equals("none")) {
      if (processors.size() != 1 || !(processors.get(0) instanceof BatchTraceProcessor found)) {
        throw new IllegalStateException(exporter + " did not start: " + processors);
      }
      batch = found;
      Tracing.setProcessors(batch);
    }
    int highWater = batch == null ? Integer.MAX_VALUE : Math.min(batch.queueCapacity() / 2, 8192);
    ExporterRun run = new ExporterRun(batch, highWater);
    long[] warmedUp = run.produceFor(nanos(opts, "warmup", "3"));
    Tracing.forceFlush();
    long droppedBefore = batch == null ? 0 : batch.droppedCount();
    long start = System.nanoTime();
    long[] produced = run.produceFor(nanos(opts, "seconds", "10"));
    Tracing.forceFlush();
    double seconds = (System.nanoTime() - start) / 1e9;
    long dropped = batch == null ? 0 : batch.droppedCount() - droppedBefore;
    Properties figures = new Properties();
    figures.setProperty("spans", Long.toString(produced[0]));
    figures.setProperty("warmupSpans", Long.toString(warmedUp[0]));
    figures.setProperty("seconds", format(seconds));
    figures.setProperty("dropped", Long.toString(dropped));
    figures.setProperty("cpuNanosPerSpan", format((double) produced[1] / produced[0]));
    figures.setProperty(
        "queueCapacity", batch == null ? "0" : Integer.toString(batch.queueCapacity()));
    Tracing.shutdown();
    try (Writer out = Files.newBufferedWriter(Path.of(opts.get("out")))) {
      figures.store(out, exporter);
    }
    System.exit(0);
  }

  /**
   * Produces traces until {@code nanos} have passed, waiting while the queue is above its high
   * water mark; returns {spans produced, application thread CPU nanoseconds spent making them}.
   */
  private long[] produceFor(long nanos) {
    long end = System.nanoTime() + nanos;
    long spans = 0;
    long cpu = 0;
    while (System.nanoTime() < end) {
      while (batch != null && batch.queuedCount() > highWater) {
        LockSupport.parkNanos(20_000);
      }
      // A thread's CPU time is a system call, not a read of the clock page, and costs about a
      // microsecond: read per trace, it took an eighth of the machine from the exporter measured.
      long before = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < TRACES_PER_READING; i++) {
        traceOfTenSpans();
      }
      cpu += threads.getCurrentThreadCpuTime() - before;
      spans += SPANS_PER_TRACE * TRACES_PER_READING;
    }
    return new long[] {spans, cpu};
  }

  private static void traceOfTenSpans() {
    try (Trace trace = Tracing.startTrace("bench");
        Span agent = Tracing.startAgentSpan("Support")) {
      for (int i = 1; i < SPANS_PER_TRACE; i++) {
        try (Span tool = Tracing.startFunctionSpan("lookup_order", INPUT)) {
          tool.setData(new FunctionSpanData("lookup_order", INPUT, OUTPUT, null));
        }
      }
    }
  }

  private static long nanos(Map<String, String> opts, String key, String seconds) {
    return Long.parseLong(opts.getOrDefault(key, seconds)) * 1_000_000_000L;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
