package dev.weft.testing;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Tests running at the same time each see their own traces only, also across executors. */
@CaptureTraces
@Execution(ExecutionMode.CONCURRENT)
class ParallelCaptureTest {

  @RepeatedTest(8)
  void eachTestSeesOnlyItsOwnTrace(WeftTraces traces) throws Exception {
    String name = "run-" + Thread.currentThread().getId() + "-" + System.nanoTime();
    ExecutorService pool = Tracing.wrap(Executors.newSingleThreadExecutor());
    try (Trace trace = Tracing.trace(name).start();
        Span agent = Tracing.startAgentSpan("Agent")) {
      Future<?> tool = pool.submit(() -> Tracing.startFunctionSpan("tool", "{}").close());
      tool.get();
    } finally {
      pool.shutdown();
    }
    CapturedTrace captured = traces.awaitTrace();
    WeftAssertions.assertThat(captured)
        .hasWorkflowName(name)
        .hasSpanTree(
            """
            agent Agent
              function tool
            """);
  }
}
