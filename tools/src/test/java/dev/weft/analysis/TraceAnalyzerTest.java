package dev.weft.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Span;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.data.Usage;
import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceAnalyzerTest {
  private final List<TraceAnalysis> received = new ArrayList<>();

  @BeforeEach
  void setUp() {
    TestTracing.reset();
  }

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
    WeftLog.setOutput(System.err);
  }

  @Test
  void onTraceEnd_handsTheAnalysisOfThatTraceToTheCallback() {
    Tracing.setProcessors(
        TraceAnalyzer.builder(received::add)
            .prices(PriceTable.parse("gpt-4.1=2/8"))
            .slowThreshold(Duration.ZERO)
            .build());
    String traceId;
    try (Trace trace = Tracing.trace("wf").start();
        Span agent = Tracing.startAgentSpan("a")) {
      traceId = trace.traceId();
      try (Span g = Tracing.startGenerationSpan("gpt-4.1", List.of())) {
        g.setUsage(Usage.of(1_000_000, 1_000_000));
      }
      Tracing.startFunctionSpan("search", "{}").close();
      assertThat(received).isEmpty();
    }
    assertThat(received)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.trace().traceId()).isEqualTo(traceId);
              assertThat(a.spanCount()).isEqualTo(3);
              assertThat(a.cost().usd()).isEqualTo(10.0);
              assertThat(a.toolCalls()).containsExactly(Map.entry("search", 1));
            });
  }

  @Test
  void memoryIsBounded_spansAndTracesBeyondTheLimitsAreCounted() {
    TraceAnalyzer analyzer =
        TraceAnalyzer.builder(received::add).maxOpenTraces(1).maxSpansPerTrace(2).build();
    Tracing.setProcessors(analyzer);
    try (Trace first = Tracing.trace("first").start()) {
      for (int i = 0; i < 5; i++) {
        Tracing.startFunctionSpan("t" + i, "{}").close();
      }
      try (Trace second = Tracing.trace("second").start()) {
        Tracing.startFunctionSpan("ignored", "{}").close();
      }
    }
    assertThat(received)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.trace().workflowName()).isEqualTo("first");
              assertThat(a.spanCount()).isEqualTo(2);
            });
    assertThat(analyzer.droppedCount()).isEqualTo(4);
  }

  @Test
  void aCallbackThatThrows_isLogged_andTracingGoesOn() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    Tracing.setProcessors(
        TraceAnalyzer.builder(
                a -> {
                  throw new IllegalStateException("callback bug");
                })
            .build());
    try (Trace trace = Tracing.trace("wf").start();
        Span span = Tracing.startAgentSpan("a")) {
      assertThat(span.isRecording()).isTrue();
    }
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("trace analysis callback failed", "IllegalStateException");
  }

  @Test
  void builder_rejectsBadValuesAtOnce() {
    assertThatThrownBy(() -> TraceAnalyzer.builder(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TraceAnalyzer.builder(received::add).maxOpenTraces(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TraceAnalyzer.builder(received::add).maxSpansPerTrace(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> TraceAnalyzer.builder(received::add).slowThreshold(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TraceAnalyzer.builder(received::add).prices(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
