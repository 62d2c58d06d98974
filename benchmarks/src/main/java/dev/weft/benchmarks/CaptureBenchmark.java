package dev.weft.benchmarks;

import dev.weft.capture.ValueRenderer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What capturing arguments costs the calling thread: the argument text of a call with two String
 * arguments, and its parts (one string rendered, one string redacted); and the argument text of a
 * call with a String and an object of the application's rendered by its {@code toString()}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Capture -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CaptureBenchmark {
  // Fields, not constants, so the JIT cannot fold them.
  private final ValueRenderer renderer = ValueRenderer.defaults();
  private final String[] names = {"user", "query"};
  private String user = "alice@example.com";
  private String query = "What is the weather in Paris tomorrow?";
  private final Object[] values = {user, query};
  private final String[] orderNames = {"user", "order"};
  private final Object[] orderValues = {user, new Order("A-1042", 3)};

  /** An application's value class, rendered by its own {@code toString()}. */
  static final class Order {
    private final String id;
    private final int quantity;

    Order(String id, int quantity) {
      this.id = id;
      this.quantity = quantity;
    }

    @Override
    public String toString() {
      return "Order[id=" + id + ", quantity=" + quantity + "]";
    }
  }

  /** The argument text of a call with two String arguments. */
  @Benchmark
  public String twoStringArguments() {
    return renderer.renderArguments(names, values, null);
  }

  /**
   * The argument text of a call with a String and an application object: its {@code toString()} is
   * called on the calling thread once it has proved fast, as it has after warm-up.
   */
  @Benchmark
  public String applicationObjectArgument() {
    return renderer.renderArguments(orderNames, orderValues, null);
  }

  /** One captured string: checked, redacted, cut to size. */
  @Benchmark
  public Object oneString() {
    return renderer.render(query);
  }

  /** The secret patterns alone, on a string with none. */
  @Benchmark
  public String redact() {
    return renderer.redact(query);
  }
}
