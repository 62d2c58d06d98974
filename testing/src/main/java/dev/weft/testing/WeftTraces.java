package dev.weft.testing;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that captures the traces each test produces, in memory, apart from every
 * other test (also when tests run in parallel): a trace belongs to the test whose thread started
 * it. Works the same whether the code under test is traced by the java agent, woven by AspectJ or
 * calls the manual API; the configured exporters go on as usual.
 *
 * <pre>{@code
 * @RegisterExtension final WeftTraces traces = new WeftTraces();
 *
 * @Test
 * void triageHandsOffToBilling() {
 *   desk.handle("I was charged twice");
 *   CapturedTrace trace = traces.awaitTrace();
 *   WeftAssertions.assertThat(trace).hasHandoffChain("Triage", "Billing");
 * }
 * }</pre>
 *
 * Or with {@link CaptureTraces} on the test class, and a {@link WeftTraces} parameter on the test
 * methods.
 */
public final class WeftTraces implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  /** How long {@link #awaitTraces(int)} waits by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(WeftTraces.class);

  private volatile Collector collector;

  /** Creates the extension; register it with {@code @RegisterExtension}. */
  public WeftTraces() {}

  private WeftTraces(Collector collector) {
    this.collector = collector;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Collector started = TraceCapture.start();
    collector = started;
    context.getStore(NAMESPACE).put(Collector.class, started);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Collector done = context.getStore(NAMESPACE).remove(Collector.class, Collector.class);
    if (done != null) {
      TraceCapture.stop(done);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == WeftTraces.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new WeftTraces(context.getStore(NAMESPACE).get(Collector.class, Collector.class));
  }

  /**
   * Waits until the test has produced {@code count} finished traces whose spans have all ended, for
   * at most {@link #DEFAULT_TIMEOUT}, and returns them in start order.
   *
   * @throws AssertionError when they do not arrive in time, naming what did
   */
  public List<CapturedTrace> awaitTraces(int count) {
    return awaitTraces(count, DEFAULT_TIMEOUT);
  }

  /** Same as {@link #awaitTraces(int)}, with a timeout of the test's own. */
  public List<CapturedTrace> awaitTraces(int count, Duration timeout) {
    Collector current = current();
    try {
      List<CapturedTrace> traces = current.await(count, timeout);
      if (traces.size() < count) {
        throw new AssertionError(
            "expected "
                + count
                + " finished trace(s) within "
                + timeout.toMillis()
                + " ms, got "
                + traces.size()
                + describe(current.all()));
      }
      return traces;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for traces", e);
    }
  }

  /** Waits for exactly one trace and returns it; more than one fails. */
  public CapturedTrace awaitTrace() {
    List<CapturedTrace> traces = awaitTraces(1);
    if (traces.size() != 1) {
      throw new AssertionError("expected one trace, got " + traces.size() + describe(traces));
    }
    return traces.get(0);
  }

  /** Returns the finished traces captured so far, in start order, without waiting. */
  public List<CapturedTrace> traces() {
    return current().ended();
  }

  private Collector current() {
    Collector current = collector;
    if (current == null) {
      throw new IllegalStateException(
          "no test is capturing: register WeftTraces with @RegisterExtension or @CaptureTraces");
    }
    return current;
  }

  private static String describe(List<CapturedTrace> traces) {
    StringBuilder text = new StringBuilder(traces.isEmpty() ? "" : ":\n");
    for (CapturedTrace trace : traces) {
      text.append(trace.record().isEnded() ? "" : "(still open) ").append(trace.tree());
    }
    return text.toString();
  }
}
