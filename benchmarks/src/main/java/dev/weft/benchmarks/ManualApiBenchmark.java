package dev.weft.benchmarks;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import dev.weft.capture.ValueRenderer;
import dev.weft.processor.BatchTraceProcessor;
import dev.weft.processor.SpanExporter;
import java.util.concurrent.TimeUnit;
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
 * The cost of opening and closing one span through the manual API, inside an open trace: tracing
 * disabled, enabled to a processor that does nothing, and enabled to the batch processor with an
 * exporter that does nothing. Run with {@code -prof gc} for bytes allocated per span.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ManualApi -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ManualApiBenchmark {

  /** How tracing is set up for one run. */
  @State(Scope.Benchmark)
  public static class Tracer {
    /**
     * disabled, noop (a processor that does nothing), batch (batch processor, no-op export) or json
     * (batch processor in front of an exporter that writes contract JSON and discards it).
     */
    @Param({"disabled", "noop", "batch", "json"})
    public String mode;

    private BatchTraceProcessor batch;

    /** Configures tracing with no exporters, then installs the processor of the mode. */
    @Setup(Level.Trial)
    public void setUp() {
      System.setProperty("weft.exporters", "none");
      switch (mode) {
        case "disabled":
          Tracing.disable();
          break;
        case "noop":
          Tracing.setProcessors(new TracingProcessor() {});
          break;
        case "batch":
          SpanExporter exporter = (traces, spans) -> {};
          batch = BatchTraceProcessor.builder(exporter).build();
          Tracing.setProcessors(batch);
          break;
        case "json":
          batch = DiscardExporter.install();
          break;
        default:
          throw new IllegalArgumentException("unknown mode " + mode);
      }
    }

    /** Shuts tracing down and says how many spans the batch queue dropped. */
    @TearDown(Level.Trial)
    public void tearDown() {
      if (batch != null) {
        System.out.println("batch processor dropped " + batch.droppedCount() + " items");
      }
      Tracing.shutdown();
    }
  }

  /** The trace each benchmark thread works in, open for the whole run. */
  @State(Scope.Thread)
  public static class OpenTrace {
    private Trace trace;

    /** Opens the trace on the benchmark thread. */
    @Setup(Level.Trial)
    public void open(Tracer tracer) {
      trace = Tracing.trace("benchmark").start();
    }

    /** Closes the trace. */
    @TearDown(Level.Trial)
    public void close() {
      trace.close();
    }
  }

  /** Opens a tool span under an agent span and closes it, the common nesting. */
  @Benchmark
  public Span openAndCloseNestedSpan(OpenAgentSpan agent) {
    Span span = Tracing.startFunctionSpan("lookup_order", "{\"id\":42}");
    span.close();
    return span;
  }

  /** An agent span open for the whole run, inside the thread's trace. */
  @State(Scope.Thread)
  public static class OpenAgentSpan {
    private Trace trace;
    private Span agent;

    /** Opens the trace and the agent span on the benchmark thread. */
    @Setup(Level.Trial)
    public void open(Tracer tracer) {
      trace = Tracing.trace("benchmark").start();
      agent = Tracing.startAgentSpan("agent");
    }

    /** Closes the agent span and the trace. */
    @TearDown(Level.Trial)
    public void close() {
      agent.close();
      trace.close();
    }
  }

  /** Opens a tool span with its input and closes it. */
  @Benchmark
  public Span openAndCloseSpan(OpenTrace trace) {
    Span span = Tracing.startFunctionSpan("lookup_order", "{\"id\":42}");
    span.close();
    return span;
  }

  /** Arguments of a traced call, held in fields so the JIT cannot fold them. */
  @State(Scope.Thread)
  public static class Arguments {
    private final String[] names = {"user", "query"};
    private final Object[] values = {"alice@example.com", "What is the weather in Paris tomorrow?"};
    private final ValueRenderer renderer = ValueRenderer.defaults();
  }

  /**
   * Opens a tool span with no trace current and closes it: an implicit trace starts and ends with
   * it, as for a traced method called outside any trace.
   */
  @Benchmark
  public Span rootSpan(Tracer tracer) {
    Span span = Tracing.startFunctionSpan("lookup_order", null);
    span.close();
    return span;
  }

  /** A root tool span whose two String arguments are captured, as a traced method does. */
  @Benchmark
  public Span rootSpanTwoStrings(Tracer tracer, Arguments args) {
    String input = args.renderer.renderArguments(args.names, args.values, null);
    Span span = Tracing.startFunctionSpan("lookup_order", input);
    span.close();
    return span;
  }

  /** A root tool span that records a new exception, as a traced method that throws does. */
  @Benchmark
  public Span rootSpanThrowing(Tracer tracer) {
    Span span = Tracing.startFunctionSpan("lookup_order", null);
    span.recordException(new IllegalStateException("tool failed"));
    span.close();
    return span;
  }

  /** Creates the exception {@link #rootSpanThrowing} records: the baseline to subtract from it. */
  @Benchmark
  public Exception newException() {
    return new IllegalStateException("tool failed");
  }
}
