package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.WeftConfig;
import dev.weft.data.SpanError;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingSamplingTest {
  private final RecordingProcessor recorder = new RecordingProcessor();

  @AfterEach
  void reset() {
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  private void configure(String args) {
    Tracing.configure(WeftConfig.load("exporters=none;" + args));
    Tracing.setProcessors(recorder);
  }

  private static void runTrace(String name, boolean fail) {
    try (Trace trace = Tracing.startTrace(name);
        Span agent = Tracing.startAgentSpan("agent")) {
      try (Span tool = Tracing.startFunctionSpan("tool", "{}")) {
        if (fail) {
          tool.recordException(new IllegalStateException("boom"));
        }
      }
      try (Span other = Tracing.startCustomSpan("after", Map.of())) {
        other.setMetadata("k", "v");
      }
    }
  }

  @Test
  void ratioOne_keepsEveryTraceWithAllItsSpans() {
    configure("sampler.ratio=1");

    for (int i = 0; i < 50; i++) {
      runTrace("t" + i, false);
    }

    assertThat(recorder.traceStarts).hasSize(50);
    assertThat(recorder.traceEnds).hasSize(50);
    assertThat(recorder.spanEnds).hasSize(150);
  }

  @Test
  void ratioZero_keepsNothing() {
    configure("sampler.ratio=0");

    for (int i = 0; i < 50; i++) {
      runTrace("t" + i, i % 2 == 0);
    }

    assertThat(recorder.events).isEmpty();
  }

  @Test
  void ratioHalf_decidesOncePerTrace_allOrNoneOfItsSpans() {
    configure("sampler.ratio=0.5");
    int traces = 2000;

    for (int i = 0; i < traces; i++) {
      runTrace("t" + i, false);
    }

    // 2000 draws at p=0.5: the standard deviation is about 22, so 850..1150 never fails by chance.
    assertThat(recorder.traceStarts.size()).isBetween(850, 1150);
    Set<String> kept =
        recorder.traceStarts.stream().map(TraceRecord::traceId).collect(Collectors.toSet());
    Map<String, Long> spansPerTrace =
        recorder.spanEnds.stream()
            .collect(Collectors.groupingBy(SpanRecord::traceId, Collectors.counting()));
    assertThat(spansPerTrace.keySet()).isEqualTo(kept);
    assertThat(spansPerTrace.values()).containsOnly(3L);
  }

  @Test
  void keepErrors_whenUnsampledTraceHasAnError_exportsItWhole() {
    configure("sampler.ratio=0;sampler.keep-errors=true");

    runTrace("fine", false);
    runTrace("failing", true);

    assertThat(recorder.traceStarts)
        .extracting(TraceRecord::workflowName)
        .containsExactly("failing");
    assertThat(recorder.traceEnds).extracting(TraceRecord::workflowName).containsExactly("failing");
    assertThat(recorder.spanEnds).hasSize(3);
    assertThat(recorder.spanEnds).allSatisfy(s -> assertThat(s.isEnded()).isTrue());
    assertThat(recorder.events)
        .containsExactly(
            "trace-start failing",
            "span-start agent",
            "span-start tool",
            "span-start after",
            "span-end tool",
            "span-end after",
            "span-end agent",
            "trace-end failing");
    assertThat(Tracing.tracer().state().pendingBudget.heldCount()).isZero();
  }

  @Test
  void keepErrors_unsampledTracesAreRecordingSoTheirContentIsCaptured() {
    configure("sampler.ratio=0;sampler.keep-errors=true");

    try (Trace trace = Tracing.startTrace("t");
        Span span = Tracing.startAgentSpan("a")) {
      assertThat(trace.isRecording()).isTrue();
      assertThat(span.isRecording()).isTrue();
    }
  }

  @Test
  void keepErrors_whenSpanEndsAfterItsKeptTraceEnded_passesItOn() {
    configure("sampler.ratio=0;sampler.keep-errors=true");

    Span late;
    try (Trace trace = Tracing.startTrace("async")) {
      late = Tracing.startFunctionSpan("late", "{}");
      late.releaseScope();
      try (Span failing = Tracing.startCustomSpan("failing", Map.of())) {
        failing.setError(SpanError.of("bad"));
      }
    }
    late.end();

    assertThat(recorder.events)
        .containsExactly(
            "trace-start async",
            "span-start failing",
            "span-end failing",
            "trace-end async",
            "span-start late",
            "span-end late");
  }

  @Test
  void keepErrorsOff_unsampledTraceWithErrorIsDropped() {
    configure("sampler.ratio=0");

    runTrace("failing", true);

    assertThat(recorder.events).isEmpty();
  }
}
