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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The sustained rate of the file exporters to a local disk, set up as the agent sets them up: the
 * exporter named by {@code weft.exporters}, behind the batch processor with the default {@code
 * weft.batch.*} settings.
 *
 * <p>One operation is one trace of ten spans (an agent span and nine tool spans). The application
 * thread waits while more than 8192 records are queued (or half the queue, when smaller), so
 * nothing is dropped and the operations per second are what the exporter sustains: multiply by ten
 * for spans per second. The drop count and the files written are printed at the end of each trial.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FileExporter -f 1 -wi 2 -w 2 -i 5 -r 2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class FileExporterBenchmark {
  private static final String INPUT = "{\"order_id\":\"A-10293\",\"include_history\":true}";
  private static final String OUTPUT =
      "{\"status\":\"shipped\",\"carrier\":\"DHL\",\"eta\":\"2d\"}";

  /**
   * The exporter measured: {@code json} (a file per trace) or {@code jsonl} (a line per record).
   */
  @Param({"json", "jsonl"})
  public String exporter;

  private Path dir;
  private BatchTraceProcessor batch;
  private int highWater;

  /** Installs the exporter behind the batch processor, writing into a new temporary folder. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("weft-bench-" + exporter);
    WeftConfig config =
        WeftConfig.load(
            "exporters=" + exporter + ";json.dir=" + dir + ";include-sensitive-data=true");
    Tracing.configure(WeftConfig.load("exporters=none;include-sensitive-data=true"));
    List<TracingProcessor> processors = Exporters.processorsFor(config);
    batch = (BatchTraceProcessor) processors.get(0);
    // A few batches ahead of the exporter is enough to keep it busy; more would only keep records
    // alive long enough to reach the old generation, and measure the collector instead.
    highWater = Math.min(config.batchMaxQueueSize() / 2, 8192);
    Tracing.setProcessors(batch);
  }

  /** Flushes, shuts down, reports drops and what was written, and removes the folder. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Tracing.forceFlush();
    long dropped = batch.droppedCount();
    Tracing.shutdown();
    long files;
    long bytes;
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.filter(Files::isRegularFile).toList();
      files = all.size();
      bytes = 0;
      for (Path file : all) {
        bytes += Files.size(file);
      }
    }
    System.out.printf(
        "%n%s: dropped %d records; %d files, %.1f MB written%n",
        exporter, dropped, files, bytes / 1e6);
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Produces one trace of ten spans once the queue has room for it. */
  @Benchmark
  public void traceOfTenSpans() {
    while (batch.queuedCount() > highWater) {
      LockSupport.parkNanos(20_000);
    }
    try (Trace trace = Tracing.startTrace("bench");
        Span agent = Tracing.startAgentSpan("Support")) {
      for (int i = 0; i < 9; i++) {
        try (Span tool = Tracing.startFunctionSpan("lookup_order", INPUT)) {
          tool.setData(new FunctionSpanData("lookup_order", INPUT, OUTPUT, null));
        }
      }
    }
  }
}
