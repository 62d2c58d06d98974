package dev.weft.benchmarks;

import dev.weft.processor.BatchTraceProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of calling an annotated method: the plain method, the Weft-annotated one and the
 * {@code @WithSpan} one. Which agent is attached (none, Weft, OpenTelemetry) is decided by the JVM
 * arguments of the fork, which {@link SideBySide} sets per configuration.
 *
 * <p>Before measuring, the fork checks that the agent it was given really traces the methods (the
 * system property {@value #EXPECT_PROPERTY} names the agent that should), so a broken setup fails
 * loudly instead of measuring untraced calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnnotatedMethodBenchmark {
  /** The system property naming which agent traces the methods: none, weft or otel. */
  public static final String EXPECT_PROPERTY = "bench.expect";

  /**
   * The system property that, set to {@code discard}, puts Weft's batch processor in front of a
   * {@link DiscardExporter} before measuring.
   */
  public static final String WEFT_EXPORTER_PROPERTY = "bench.weft.exporter";

  private BatchTraceProcessor batch;

  private final PlainTargets plain = new PlainTargets();
  private final WeftTargets weft = new WeftTargets();
  private final OtelTargets otel = new OtelTargets();

  // Fields, not constants, so the JIT cannot fold the arguments into the methods.
  private long number = 42;
  private String user = "alice@example.com";
  private String query = "What is the weather in Paris tomorrow?";

  /**
   * Installs the batch processor when asked to, and fails the fork when the attached agent does not
   * trace as this configuration expects.
   */
  @Setup
  public void setUp() {
    if ("discard".equals(System.getProperty(WEFT_EXPORTER_PROPERTY))) {
      batch = DiscardExporter.install();
    }
    String expected = System.getProperty(EXPECT_PROPERTY, "none");
    boolean weftTraces = weft.insideSpan();
    boolean otelTraces = otel.insideSpan();
    boolean ok =
        switch (expected) {
          case "weft" -> weftTraces && !otelTraces;
          case "otel" -> otelTraces && !weftTraces;
          case "none" -> !weftTraces && !otelTraces;
          default -> false;
        };
    if (!ok) {
      throw new IllegalStateException(
          "expected tracing by '"
              + expected
              + "' but Weft traces="
              + weftTraces
              + ", OpenTelemetry traces="
              + otelTraces);
    }
  }

  /** Drains and stops the batch processor, which prints what its exporter saw. */
  @TearDown
  public void tearDown() {
    if (batch != null) {
      batch.shutdown();
      System.err.println("[bench] batch processor dropped " + batch.droppedCount() + " records");
    }
  }

  /** The plain method, no annotation. */
  @Benchmark
  public long plainSpan(CallerAllocation allocation) {
    allocation.calls++;
    return plain.span(number);
  }

  /** The plain method with two String arguments. */
  @Benchmark
  public int plainTwoStrings(CallerAllocation allocation) {
    allocation.calls++;
    return plain.twoStrings(user, query);
  }

  /** The plain method that throws. */
  @Benchmark
  public Object plainThrowing(CallerAllocation allocation) {
    allocation.calls++;
    try {
      return plain.throwing(number);
    } catch (IllegalStateException e) {
      return e;
    }
  }

  /** The Weft-annotated method without capture. */
  @Benchmark
  public long weftSpan(CallerAllocation allocation) {
    allocation.calls++;
    return weft.span(number);
  }

  /** The Weft-annotated method capturing two String arguments. */
  @Benchmark
  public int weftTwoStrings(CallerAllocation allocation) {
    allocation.calls++;
    return weft.twoStrings(user, query);
  }

  /** The Weft-annotated method that throws. */
  @Benchmark
  public Object weftThrowing(CallerAllocation allocation) {
    allocation.calls++;
    try {
      return weft.throwing(number);
    } catch (IllegalStateException e) {
      return e;
    }
  }

  /** The {@code @WithSpan} method without attributes. */
  @Benchmark
  public long otelSpan(CallerAllocation allocation) {
    allocation.calls++;
    return otel.span(number);
  }

  /** The {@code @WithSpan} method with two {@code @SpanAttribute} strings. */
  @Benchmark
  public int otelTwoStrings(CallerAllocation allocation) {
    allocation.calls++;
    return otel.twoStrings(user, query);
  }

  /** The {@code @WithSpan} method that throws. */
  @Benchmark
  public Object otelThrowing(CallerAllocation allocation) {
    allocation.calls++;
    try {
      return otel.throwing(number);
    } catch (IllegalStateException e) {
      return e;
    }
  }
}
