package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.analysis.PriceTable;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit on traces made with the manual API. */
class WeftTracesTest {
  @RegisterExtension final WeftTraces traces = new WeftTraces();

  /** A small support desk run: an agent, a guardrail, a tool, a model call and a handoff. */
  static void supportDesk() {
    try (Trace trace = Tracing.trace("Support desk").start();
        Span triage = Tracing.startAgentSpan("Triage")) {
      try (Span guardrail = Tracing.startGuardrailSpan("no_secrets")) {
        guardrail.setData(new GuardrailSpanData("no_secrets", false));
      }
      try (Span tool = Tracing.startFunctionSpan("lookup_order", "{\"orderId\":\"42\"}")) {
        tool.setData(((FunctionSpanData) tool.data()).withOutput("order 42 shipped"));
      }
      try (Span generation =
          Tracing.startGenerationSpan(
              "gpt-4.1-mini", List.of(Map.of("role", "user", "content", "hi")))) {
        generation.setUsage(Usage.of(1000, 500));
      }
      Tracing.startHandoffSpan("Triage", "Billing").close();
      try (Span billing = Tracing.startAgentSpan("Billing")) {
        try (Span check = Tracing.startGuardrailSpan("refund_limit")) {
          check.setData(new GuardrailSpanData("refund_limit", true));
        }
      }
    }
  }

  @Test
  void aTrace_readsLikeTheRun() {
    supportDesk();

    CapturedTrace trace = traces.awaitTrace();

    WeftAssertions.assertThat(trace)
        .hasWorkflowName("Support desk")
        .hasSpanTree(
            """
            agent Triage
              guardrail no_secrets
              function lookup_order
              generation gpt-4.1-mini
              handoff Triage -> Billing
              agent Billing
                guardrail refund_limit TRIPPED
            """)
        .hasHandoffChain("Triage", "Billing")
        .hasTrippedGuardrails("refund_limit")
        .hasToolCallWithArguments("lookup_order", "\"42\"")
        .hasToolCallCount("lookup_order", 1)
        .usedAtMostTokens(1500)
        .costAtMost(0.01, PriceTable.parse("gpt-4.1-mini=0.40/1.60"))
        .hasNoErrors()
        .doesNotContainValue("ann@example.com");
    WeftAssertions.assertThat(trace)
        .hasToolCall("lookup_order")
        .hasParent("agent", "Triage")
        .hasInputContaining("42")
        .hasOutputContaining("shipped");
    WeftAssertions.assertThat(trace).hasSpan("generation", "gpt-4.1-mini").hasUsage(1000, 500);
    assertThat(trace.cost(PriceTable.parse("gpt-4.1-mini=0.40/1.60"))).isEqualTo(0.0012);
    assertThatThrownBy(
            () ->
                WeftAssertions.assertThat(trace)
                    .costAtMost(100, PriceTable.parse("some-other-model=1/1")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("cannot be bounded: no price for [gpt-4.1-mini]");
    assertThat(trace.treeWithData())
        .contains("function lookup_order ({\"orderId\":\"42\"}) -> order 42 shipped");
  }

  @Test
  void aFailedAssertion_showsTheActualTree() {
    supportDesk();
    CapturedTrace trace = traces.awaitTrace();

    assertThatThrownBy(() -> WeftAssertions.assertThat(trace).hasSpanTree("agent Planner\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("agent Triage")
        .hasMessageContaining("agent Planner");
    assertThatThrownBy(() -> WeftAssertions.assertThat(trace).hasToolCall("refund"))
        .hasMessageContaining("expected a call of tool <refund>")
        .hasMessageContaining("function lookup_order");
    assertThatThrownBy(() -> WeftAssertions.assertThat(trace).doesNotContainValue("order 42"))
        .hasMessageContaining("span function lookup_order: data");
  }

  @Test
  void awaitTraces_waitsForSpansEndingOnOtherThreads() throws Exception {
    CompletableFuture<Void> done;
    try (Trace trace = Tracing.trace("Async").start()) {
      Span tool = Tracing.startFunctionSpan("slow", "{}");
      tool.releaseScope();
      done =
          CompletableFuture.runAsync(
              () -> {
                sleep(300);
                tool.end();
              });
    }
    CapturedTrace trace = traces.awaitTrace();
    WeftAssertions.assertThat(trace).hasSpanTree("function slow\n");
    done.get(5, TimeUnit.SECONDS);
  }

  @Test
  void readFolder_givesTheSameTraceFromTheFilesAProcessWrote(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    supportDesk();
    CapturedTrace captured = traces.awaitTrace();
    java.nio.file.Files.writeString(
        dir.resolve(captured.record().traceId() + ".json"),
        dev.weft.tracefile.TraceJson.traceFileToString(captured.record(), captured.spans()));
    java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a trace");

    List<CapturedTrace> read = CapturedTrace.readFolder(dir);

    assertThat(read).singleElement().extracting(CapturedTrace::tree).isEqualTo(captured.tree());
    WeftAssertions.assertThat(read.get(0)).hasHandoffChain("Triage", "Billing");
  }

  @Test
  void awaitTraces_failsClearlyWhenTracesDoNotCome() {
    supportDesk();
    assertThatThrownBy(() -> traces.awaitTraces(2, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 2 finished trace(s)")
        .hasMessageContaining("got 1")
        .hasMessageContaining("trace Support desk");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
