package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.TestConfigs;
import dev.weft.data.AgentSpanData;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanError;
import dev.weft.data.TaskSpanData;
import dev.weft.data.TurnSpanData;
import dev.weft.data.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanImplTest {
  private RecordingProcessor recorder;

  @BeforeEach
  void setUp() {
    recorder = TestTracing.reset();
  }

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
  }

  @Test
  void nestedSpans_haveTheEnclosingSpanAsParent() {
    try (Trace trace = Tracing.trace("wf").start();
        Span agent = Tracing.startAgentSpan("Triage")) {
      try (Span tool = Tracing.startFunctionSpan("lookup", "{}")) {
        try (Span inner = Tracing.startCustomSpan("inner", Map.of())) {
          assertThat(inner.parentId()).isEqualTo(tool.spanId());
        }
        assertThat(tool.parentId()).isEqualTo(agent.spanId());
      }
      try (Span sibling = Tracing.startFunctionSpan("other", "{}")) {
        assertThat(sibling.parentId()).isEqualTo(agent.spanId());
      }
      assertThat(agent.parentId()).isNull();
      assertThat(agent.traceId()).isEqualTo(trace.traceId());
    }
    assertThat(recorder.spanEnds)
        .extracting(s -> s.data().displayName())
        .containsExactly("inner", "lookup", "other", "Triage");
    assertThat(recorder.spanEnds)
        .allSatisfy(s -> assertThat(s.traceId()).isEqualTo(recorder.traceEnds.get(0).traceId()));
  }

  @Test
  void close_whenBodyThrows_restoresParentAndKeepsParentIds() {
    try (Trace trace = Tracing.trace("wf").start();
        Span agent = Tracing.startAgentSpan("A")) {
      assertThatThrownBy(
              () -> {
                try (Span tool = Tracing.startFunctionSpan("failing", "{}")) {
                  try (Span deeper = Tracing.startCustomSpan("deeper", Map.of())) {
                    throw new IllegalStateException("boom");
                  }
                }
              })
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("boom");
      assertThat(Tracing.currentSpan()).isSameAs(agent);
      try (Span next = Tracing.startFunctionSpan("next", "{}")) {
        assertThat(next.parentId()).isEqualTo(agent.spanId());
      }
    }
    SpanRecord failing = recorder.ended("failing");
    assertThat(recorder.ended("deeper").parentId()).isEqualTo(failing.spanId());
    assertThat(failing.parentId()).isEqualTo(recorder.ended("A").spanId());
    assertThat(Tracing.currentTrace()).isNull();
  }

  @Test
  void close_restoresExactlyThePreviousTraceAndSpan() {
    try (Trace trace = Tracing.trace("wf").start()) {
      assertThat(Tracing.currentSpan()).isNull();
      Span outer = Tracing.startAgentSpan("outer");
      Span inner = Tracing.startAgentSpan("inner");
      assertThat(Tracing.currentSpan()).isSameAs(inner);
      inner.close();
      assertThat(Tracing.currentSpan()).isSameAs(outer);
      assertThat(Tracing.currentTrace()).isSameAs(trace);
      outer.close();
      assertThat(Tracing.currentSpan()).isNull();
      assertThat(Tracing.currentTrace()).isSameAs(trace);
    }
    assertThat(Tracing.currentTrace()).isNull();
  }

  @Test
  void close_outOfOrder_neverLeavesAnEndedSpanCurrent() {
    try (Trace trace = Tracing.trace("wf").start()) {
      Span outer = Tracing.startAgentSpan("outer");
      Span inner = Tracing.startAgentSpan("inner");
      outer.close();
      assertThat(Tracing.currentSpan()).as("inner still open and current").isSameAs(inner);
      inner.close();
      assertThat(Tracing.currentSpan()).isNull();
      assertThat(Tracing.currentTrace()).isSameAs(trace);
      try (Span next = Tracing.startAgentSpan("next")) {
        assertThat(next.parentId()).isNull();
        assertThat(next.traceId()).isEqualTo(trace.traceId());
      }
    }
    assertThat(Tracing.currentTrace()).isNull();
  }

  @Test
  void close_ofAnEarlierSpan_doesNotClobberASpanOpenedLater() {
    try (Trace trace = Tracing.trace("wf").start()) {
      Span first = Tracing.startAgentSpan("first");
      first.releaseScope();
      Span second = Tracing.startAgentSpan("second");
      first.close();
      assertThat(Tracing.currentSpan()).isSameAs(second);
      assertThat(first.isEnded()).isTrue();
      second.close();
      assertThat(Tracing.currentSpan()).isNull();
    }
  }

  @Test
  void releaseScope_restoresContextWithoutEnding_andEndOnAnotherThreadIsReported()
      throws Exception {
    try (Trace trace = Tracing.trace("wf").start()) {
      Span async = Tracing.startFunctionSpan("async", "{}");
      async.releaseScope();
      assertThat(Tracing.currentSpan()).isNull();
      assertThat(async.isEnded()).isFalse();
      Thread other = new Thread(async::close);
      other.start();
      other.join();
      assertThat(async.isEnded()).isTrue();
      assertThat(Tracing.currentTrace()).isSameAs(trace);
    }
    assertThat(recorder.ended("async").endedAtMicros()).isPositive();
  }

  @Test
  void end_isFinal_settersAfterwardsChangeNothing() {
    Span span;
    try (Trace trace = Tracing.trace("wf").start()) {
      span = Tracing.startFunctionSpan("tool", "{\"a\":1}");
      span.setMetadata("k", "v");
      span.close();
      long ended = span.endedAtMicros();
      span.setData(FunctionSpanData.of("changed", "{}"));
      span.setError(SpanError.of("late"));
      span.setMetadata("k2", "v2");
      span.end();
      assertThat(span.endedAtMicros()).isEqualTo(ended);
    }
    assertThat(span.data()).isEqualTo(FunctionSpanData.of("tool", "{\"a\":1}"));
    assertThat(span.error()).isNull();
    assertThat(span.metadata()).containsExactly(Map.entry("k", "v"));
    assertThat(recorder.spanEnds).hasSize(1);
  }

  @Test
  void setUsage_appliesToGenerationResponseTaskAndTurn_andIsIgnoredElsewhere() {
    Usage usage = Usage.of(10, 20);
    try (Trace trace = Tracing.trace("wf").start()) {
      try (Span g = Tracing.startSpan(GenerationSpanData.of("gpt", List.of()))) {
        g.setUsage(usage);
        assertThat(((GenerationSpanData) g.data()).usage()).isEqualTo(usage);
      }
      try (Span r = Tracing.startResponseSpan("resp_1")) {
        r.setUsage(usage);
        assertThat(((ResponseSpanData) r.data()).usage()).isEqualTo(usage);
      }
      try (Span t = Tracing.startTaskSpan("task")) {
        t.setUsage(usage);
        assertThat(((TaskSpanData) t.data()).usage()).isEqualTo(usage);
      }
      try (Span a = Tracing.startAgentSpan("agent");
          Span turn = Tracing.startTurnSpan()) {
        turn.setUsage(usage);
        assertThat(((TurnSpanData) turn.data()).usage()).isEqualTo(usage);
        a.setUsage(usage);
        assertThat(a.data()).isEqualTo(AgentSpanData.named("agent"));
      }
    }
  }

  @Test
  void recordException_keepsTypeAndMessage() {
    try (Trace trace = Tracing.trace("wf").start();
        Span span = Tracing.startCustomSpan("c", Map.of())) {
      span.recordException(new IllegalArgumentException("bad input"));
      assertThat(span.error().message()).isEqualTo("bad input");
      assertThat(span.error().data()).containsEntry("type", "java.lang.IllegalArgumentException");
    }
  }

  @Test
  void ids_haveTheContractFormat_andTimesComeFromTheClock() {
    try (Trace trace = Tracing.trace("wf").start();
        Span span = Tracing.startSpan(CustomSpanData.named("c"))) {
      assertThat(span.spanId()).matches("span_[0-9a-f]{24}");
      assertThat(span.traceId()).matches("trace_[0-9a-f]{32}");
      assertThat(span.startedAtMicros()).isGreaterThan(ManualClock.START_MICROS);
    }
    SpanRecord ended = recorder.spanEnds.get(0);
    assertThat(ended.endedAtMicros()).isGreaterThan(ended.startedAtMicros());
  }

  @Test
  void idBytes_areTheIdsText_forIdsTheTracerMade_andAbsentForIdsGivenAsText() {
    try (Trace trace = Tracing.trace("wf").start();
        Span parent = Tracing.startAgentSpan("a");
        Span child = Tracing.startSpan(CustomSpanData.named("c"))) {
      assertThat(child.parentId()).isEqualTo(parent.spanId());
    }
    SpanRecord child = recorder.spanEnds.get(0);
    SpanRecord parent = recorder.spanEnds.get(1);
    byte[] buffer = new byte[64];

    int length = child.spanIdBytes(buffer);
    assertThat(new String(buffer, 0, length, StandardCharsets.US_ASCII)).isEqualTo(child.spanId());
    length = child.parentIdBytes(buffer);
    assertThat(new String(buffer, 0, length, StandardCharsets.US_ASCII)).isEqualTo(parent.spanId());
    length = child.trace().traceIdBytes(buffer);
    assertThat(new String(buffer, 0, length, StandardCharsets.US_ASCII)).isEqualTo(child.traceId());
    assertThat(parent.parentIdBytes(buffer)).as("a top span has no parent").isEqualTo(-1);

    SpanRecord read =
        SpanRecord.of(
            new TraceRecord("trace_" + "ab".repeat(16), "wf", null, null, 1, 2),
            "span_" + "cd".repeat(12),
            "span_" + "ef".repeat(12),
            1,
            2,
            CustomSpanData.named("c"),
            null,
            null);
    assertThat(read.spanIdBytes(buffer)).isEqualTo(-1);
    assertThat(read.parentIdBytes(buffer)).isEqualTo(-1);
    assertThat(read.trace().traceIdBytes(buffer)).isEqualTo(-1);
  }

  @Test
  void errorMessages_areRedactedLikeEveryCapturedText() {
    RecordingProcessor recorder = TestTracing.reset();
    try (Span span = Tracing.startFunctionSpan("call_upstream", "{}")) {
      span.recordException(
          new IllegalStateException("upstream rejected sk-abcdefghijklmnop1234 for the call"));
    }
    try (Span span = Tracing.startFunctionSpan("by_hand", "{}")) {
      span.setError(dev.weft.data.SpanError.of("key sk-zyxwvutsrqponmlk9876 leaked"));
    }

    String thrown = recorder.ended("call_upstream").error().message();
    assertThat(thrown).startsWith("upstream rejected ").doesNotContain("sk-abcdefghijklmnop1234");
    assertThat(thrown).isEqualTo("upstream rejected [REDACTED] for the call");
    assertThat(recorder.ended("by_hand").error().message()).isEqualTo("key [REDACTED] leaked");
  }

  @Test
  void errorMessages_areRedactedByTheConfiguredPatternsToo() {
    RecordingProcessor recorder = new RecordingProcessor();
    Tracing.install(
        Tracer.builder()
            .config(TestConfigs.fromProperties(Map.of("weft.redact.patterns", "ACME-[0-9]{6}")))
            .processors(recorder)
            .build());
    try (Span span = Tracing.startFunctionSpan("charge", "{}")) {
      span.recordException(
          new IllegalArgumentException("card ACME-123456 declined", new RuntimeException("x")));
    }

    assertThat(recorder.ended("charge").error().message()).isEqualTo("card [REDACTED] declined");
  }
}
