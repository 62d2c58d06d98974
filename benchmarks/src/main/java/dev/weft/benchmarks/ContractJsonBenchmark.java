package dev.weft.benchmarks;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import dev.weft.capture.ValueRenderer;
import dev.weft.tracefile.TraceJson;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What an exporter's worker spends per record writing contract JSON, as {@link DiscardExporter}
 * does: one ended root span with two captured arguments, and its trace's end record. With an
 * exporter on, this competes with the application for the same cores.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ContractJson -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContractJsonBenchmark {
  private SpanRecord span;
  private TraceRecord trace;

  /** Records one root span and its trace through a processor that keeps them. */
  @Setup
  public void setUp() {
    System.setProperty("weft.exporters", "none");
    SpanRecord[] ended = new SpanRecord[1];
    TraceRecord[] traces = new TraceRecord[1];
    Tracing.setProcessors(
        new TracingProcessor() {
          @Override
          public void onTraceEnd(TraceRecord record) {
            traces[0] = record;
          }

          @Override
          public void onSpanEnd(SpanRecord s) {
            ended[0] = s;
          }
        });
    String input =
        ValueRenderer.defaults()
            .renderArguments(
                new String[] {"user", "query"},
                new Object[] {"alice@example.com", "What is the weather in Paris tomorrow?"},
                null);
    Tracing.startFunctionSpan("twoStrings", input).close();
    Tracing.setProcessors();
    span = ended[0];
    trace = traces[0];
  }

  /** Writes the span as contract JSON text. */
  @Benchmark
  public String span() {
    return TraceJson.spanToString(span);
  }

  /** Writes the trace, with its times, as contract JSON text. */
  @Benchmark
  public String trace() {
    return TraceJson.traceToString(trace, true);
  }
}
