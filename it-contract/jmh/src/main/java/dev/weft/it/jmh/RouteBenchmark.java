package dev.weft.it.jmh;

import com.example.contract.BenchmarkCalls;
import dev.weft.Trace;
import dev.weft.Tracing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-call cost of a traced method under one weaving route, next to a plain method. The route
 * is chosen by how the benchmark is launched: the plain fixture with {@code -javaagent:
 * weft-agent.jar}, the compile-time woven fixture, or the plain fixture with {@code
 * -javaagent:aspectjweaver.jar}:
 *
 * <pre>
 * java -cp target/classes:target/jmh-libs/*:FIXTURE_AND_WEFT_JARS org.openjdk.jmh.Main \
 *     RouteBenchmark -f 1 -jvmArgs "-javaagent:..." -prof gc
 * </pre>
 *
 * <p>Spans go to no processor and the calls run inside one open trace, so what is measured is the
 * route and the engine, not an exporter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteBenchmark {
  private final BenchmarkCalls calls = new BenchmarkCalls();
  private String a = "order";
  private String b = "A-17";
  private Trace trace;

  /** Creates the benchmark state. */
  public RouteBenchmark() {}

  /** Drops every processor and opens the trace the calls run in. */
  @Setup(Level.Trial)
  public void openTrace() {
    Tracing.setProcessors();
    trace = Tracing.trace("benchmark").start();
  }

  /** Closes the trace. */
  @TearDown(Level.Trial)
  public void closeTrace() {
    trace.close();
  }

  /**
   * A method no route traces.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public String plainMethod() {
    return calls.plain(a, b);
  }

  /**
   * A {@code @ToolSpan} method with two captured String arguments.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public String tracedTool() {
    return calls.tool(a, b);
  }

  /**
   * A plain method of a class implementing a traced interface: AspectJ checks it at run time.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public String untracedMethodOfTracedType() {
    return calls.sibling(a, b);
  }
}
