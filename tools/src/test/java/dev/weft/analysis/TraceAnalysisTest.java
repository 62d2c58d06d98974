package dev.weft.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.ManualClock;
import dev.weft.RecordingProcessor;
import dev.weft.Span;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.data.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceAnalysisTest {
  private static final PriceTable PRICES =
      PriceTable.parse("gpt-4.1=2.00/8.00,gpt-4.1-mini=0.40/1.60");

  private ManualClock clock;
  private RecordingProcessor recorder;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(1_000);
    recorder = TestTracing.reset(clock);
  }

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
  }

  /** Triage hands off to Billing, which calls tools and models; one tool fails, one is slow. */
  private void recordSupportRun() {
    try (Trace trace = Tracing.trace("Support").start()) {
      try (Span triage = Tracing.startAgentSpan("Triage")) {
        try (Span g = Tracing.startGenerationSpan("gpt-4.1-mini-2025-04-14", List.of())) {
          g.setUsage(Usage.of(1_000, 100));
        }
        Tracing.startHandoffSpan("Triage", "Billing").close();
      }
      try (Span billing = Tracing.startAgentSpan("Billing")) {
        Tracing.startFunctionSpan("lookup_order", "{}").close();
        try (Span slow = Tracing.startFunctionSpan("refund", "{}")) {
          clock.advance(3_000_000);
        }
        try (Span failing = Tracing.startFunctionSpan("lookup_order", "{}")) {
          failing.recordException(new IllegalStateException("order 42 not found"));
        }
        try (Span g = Tracing.startGenerationSpan("gpt-4.1", List.of())) {
          g.setUsage(new Usage(2_000, 500, Map.of("cached_tokens", 100)));
        }
        try (Span r = Tracing.startResponseSpan("resp_1")) {
          r.setUsage(Usage.of(10, 5));
        }
        Tracing.startHandoffSpan("Billing", "Triage").close();
      }
    }
  }

  private TraceAnalysis analyse() {
    recordSupportRun();
    return TraceAnalysis.of(
        recorder.traceEnds.get(0), recorder.spanEnds, PRICES, Duration.ofSeconds(2));
  }

  @Test
  void of_sumsUsageCountsToolsAndFollowsTheHandoffChain() {
    TraceAnalysis a = analyse();
    assertThat(a.spanCount()).isEqualTo(10);
    assertThat(a.spansByType())
        .containsExactly(
            Map.entry("agent", 2),
            Map.entry("function", 3),
            Map.entry("generation", 2),
            Map.entry("handoff", 2),
            Map.entry("response", 1));
    assertThat(a.usage()).isEqualTo(Usage.of(3_010, 605));
    assertThat(a.usageByModel())
        .containsEntry("gpt-4.1", Usage.of(2_000, 500))
        .containsEntry("gpt-4.1-mini-2025-04-14", Usage.of(1_000, 100))
        .containsEntry(TraceAnalysis.UNKNOWN_MODEL, Usage.of(10, 5));
    assertThat(a.toolCalls()).containsExactly(Map.entry("lookup_order", 2), Map.entry("refund", 1));
    assertThat(a.handoffs())
        .containsExactly(
            new TraceAnalysis.Handoff("Triage", "Billing"),
            new TraceAnalysis.Handoff("Billing", "Triage"));
    assertThat(a.durationMicros()).isEqualTo(a.trace().durationMicros()).isGreaterThan(3_000_000);
  }

  @Test
  void of_listsErrorsAndSlowSpans() {
    TraceAnalysis a = analyse();
    assertThat(a.errors())
        .containsExactly(
            new TraceAnalysis.SpanFailure("function", "lookup_order", "order 42 not found"));
    assertThat(a.slowSpans())
        .extracting(TraceAnalysis.SlowSpan::name)
        .containsExactly("Billing", "refund");
    assertThat(a.slowSpans().get(1).durationMicros()).isEqualTo(3_001_000);
  }

  @Test
  void cost_pricesKnownModels_andCountsTheRestAsUnpriced() {
    CostEstimate cost = analyse().cost();
    double mini = (1_000 * 0.40 + 100 * 1.60) / 1_000_000;
    double full = (2_000 * 2.00 + 500 * 8.00) / 1_000_000;
    assertThat(cost.usdByModel())
        .containsEntry("gpt-4.1", full)
        .containsEntry("gpt-4.1-mini-2025-04-14", mini);
    assertThat(cost.usd()).isCloseTo(mini + full, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(cost.unpricedModels()).containsExactly(TraceAnalysis.UNKNOWN_MODEL);
    assertThat(cost.unpricedInputTokens()).isEqualTo(10);
    assertThat(cost.isComplete()).isFalse();
  }

  @Test
  void response_withAModelInItsMetadata_isPricedAsThatModel() {
    try (Trace trace = Tracing.trace("wf").start();
        Span r = Tracing.startResponseSpan("resp_1")) {
      r.setUsage(Usage.of(1_000_000, 0));
      r.setMetadata("model", "gpt-4.1");
    }
    TraceAnalysis a =
        TraceAnalysis.of(recorder.traceEnds.get(0), recorder.spanEnds, PRICES, Duration.ZERO);
    assertThat(a.cost().usd()).isEqualTo(2.0);
    assertThat(a.cost().isComplete()).isTrue();
  }

  @Test
  void of_anOpenTrace_lastsUntilItsLastSpanEnded() {
    TraceRecord open;
    try (Trace trace = Tracing.trace("wf").start()) {
      open = trace.toRecord();
      Tracing.startAgentSpan("a").close();
    }
    TraceAnalysis a = TraceAnalysis.of(open, recorder.spanEnds);
    assertThat(a.durationMicros())
        .isEqualTo(recorder.spanEnds.get(0).endedAtMicros() - open.startedAtMicros());
    assertThat(a.slowThreshold()).isEqualTo(TraceAnalysis.DEFAULT_SLOW_THRESHOLD);
    assertThat(a.cost().usd()).isZero();
    assertThat(a.cost().isComplete()).isTrue();
  }

  @Test
  void toTable_rendersOneFactPerLine() {
    TraceAnalysis a = analyse();
    String id = a.trace().traceId();
    assertThat(a.toTable())
        .isEqualTo(
            "trace Support ("
                + id
                + ")\n"
                + "  duration              3.02 s\n"
                + "  spans                 10 (agent 2, function 3, generation 2, handoff 2,"
                + " response 1)\n"
                + "  tokens                in 3010, out 605 ((unknown model) 10/5, gpt-4.1"
                + " 2000/500, gpt-4.1-mini-2025-04-14 1000/100)\n"
                + "  cost                  $0.0086 + unpriced (unknown model) (in 10, out 5"
                + " tokens)\n"
                + "  cost by agent         Triage $0.0006, Billing $0.0080\n"
                + "  tool calls            lookup_order x2, refund x1\n"
                + "  handoffs              Triage -> Billing, Billing -> Triage\n"
                + "  error                 function lookup_order: order 42 not found\n"
                + "  slow (>= 2.00 s)      agent Billing 3.01 s\n"
                + "  slow (>= 2.00 s)      function refund 3.00 s\n");
  }

  @Test
  void cost_chargesCachedInputAtItsOwnPrice_andAddsUpUnderEachAgent() {
    recordSupportRun();
    TraceAnalysis a =
        TraceAnalysis.of(
            recorder.traceEnds.get(0),
            recorder.spanEnds,
            PriceTable.parse("gpt-4.1=2/0.5/8;gpt-4.1-mini=0.4/0.1/1.6"),
            Duration.ofSeconds(2));

    // gpt-4.1: 1,900 input x $2 + 100 cached x $0.50 + 500 output x $8, per million.
    assertThat(a.cost().usdByModel().get("gpt-4.1")).isCloseTo(0.00785, within(1e-12));
    assertThat(a.cost().usd()).isCloseTo(0.00841, within(1e-12));
    assertThat(a.costByAgent()).containsOnlyKeys("Triage", "Billing");
    assertThat(a.costByAgent().get("Triage")).isCloseTo(0.00056, within(1e-12));
    assertThat(a.costByAgent().get("Billing")).isCloseTo(0.00785, within(1e-12));
  }

  @Test
  void of_withNoPricesGiven_usesTheBuiltInOnes_andLeavesUnknownModelsUnpriced() {
    recordSupportRun();
    TraceAnalysis a = TraceAnalysis.of(recorder.traceEnds.get(0), recorder.spanEnds);

    assertThat(a.cost().usd()).isCloseTo(0.00841, within(1e-12));
    assertThat(a.cost().unpricedModels()).containsExactly(TraceAnalysis.UNKNOWN_MODEL);
  }

  @Test
  void cachedTokens_readsTheNamesInstrumentationsAndProvidersUse() {
    assertThat(TraceAnalysis.cachedTokens(new Usage(10, 1, Map.of("cached_tokens", 4))))
        .isEqualTo(4);
    assertThat(TraceAnalysis.cachedTokens(new Usage(10, 1, Map.of("cache_read_input_tokens", 5))))
        .isEqualTo(5);
    assertThat(
            TraceAnalysis.cachedTokens(
                new Usage(10, 1, Map.of("input_tokens_details", Map.of("cached_tokens", 6)))))
        .isEqualTo(6);
    assertThat(TraceAnalysis.cachedTokens(Usage.of(10, 1))).isZero();
  }
}
