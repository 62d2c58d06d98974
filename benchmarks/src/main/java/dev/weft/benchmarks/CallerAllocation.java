package dev.weft.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Bytes allocated per call by the calling thread alone.
 *
 * <p>JMH's {@code gc.alloc.rate.norm} counts every thread of the fork, so with an exporter on it
 * also counts what the exporter's worker allocates for the spans it manages to export, which
 * depends on how the cores are shared. This counts only the benchmark thread, per measurement
 * iteration, and appends the median to the file named by {@value #FILE_PROPERTY}.
 */
@State(Scope.Thread)
public class CallerAllocation {
  /** The system property naming the file the medians are appended to. */
  public static final String FILE_PROPERTY = "bench.caller.alloc.file";

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Calls made in this iteration; each benchmark method adds one. */
  long calls;

  private long bytesAtStart;
  private boolean measuring;
  private final List<Double> perIteration = new ArrayList<>();

  /** Starts counting an iteration. */
  @Setup(Level.Iteration)
  public void startIteration(IterationParams params) {
    measuring = params.getType() == IterationType.MEASUREMENT;
    calls = 0;
    bytesAtStart = THREADS.getCurrentThreadAllocatedBytes();
  }

  /** Keeps the bytes per call of a measurement iteration. */
  @TearDown(Level.Iteration)
  public void endIteration() {
    long bytes = THREADS.getCurrentThreadAllocatedBytes() - bytesAtStart;
    if (measuring && calls > 0) {
      perIteration.add((double) bytes / calls);
    }
  }

  /** Appends {@code <benchmark> TAB <median bytes per call>} to the file, if one is named. */
  @TearDown(Level.Trial)
  public void report(BenchmarkParams params) throws IOException {
    String file = System.getProperty(FILE_PROPERTY);
    if (file == null || perIteration.isEmpty()) {
      return;
    }
    double median =
        StartupProbe.median(perIteration.stream().mapToDouble(Double::doubleValue).toArray());
    String benchmark = params.getBenchmark();
    String line = benchmark.substring(benchmark.lastIndexOf('.') + 1) + "\t" + median + "\n";
    Files.writeString(
        Path.of(file),
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
