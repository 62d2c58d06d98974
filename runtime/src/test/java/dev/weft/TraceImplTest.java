package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceImplTest {
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
  void nestedExplicitTraces_restoreTheOuterTraceAndSpan() {
    try (Trace outer = Tracing.trace("outer").start();
        Span outerSpan = Tracing.startAgentSpan("outer-agent")) {
      try (Trace inner = Tracing.trace("inner").start()) {
        assertThat(Tracing.currentTrace()).isSameAs(inner);
        assertThat(Tracing.currentSpan()).isNull();
        try (Span innerSpan = Tracing.startAgentSpan("inner-agent")) {
          assertThat(innerSpan.traceId()).isEqualTo(inner.traceId());
          assertThat(innerSpan.parentId()).isNull();
        }
      }
      assertThat(Tracing.currentTrace()).isSameAs(outer);
      assertThat(Tracing.currentSpan()).isSameAs(outerSpan);
    }
    assertThat(Tracing.currentTrace()).isNull();
    assertThat(recorder.traceEnds)
        .extracting(TraceRecord::workflowName)
        .containsExactly("inner", "outer");
  }

  @Test
  void close_beforeItsSpan_leavesTheSpanCurrentUntilItCloses() {
    Trace trace = Tracing.trace("wf").start();
    Span span = Tracing.startAgentSpan("a");
    trace.close();
    assertThat(Tracing.currentSpan()).isSameAs(span);
    span.close();
    assertThat(Tracing.currentTrace()).isNull();
    assertThat(Tracing.currentSpan()).isNull();
  }

  @Test
  void beforeEnd_endsWhatIsStillOpen_asPartOfTheTrace_once() {
    Trace trace = Tracing.trace("wf").start();
    Span unread = Tracing.startAgentSpan("stream");
    unread.releaseScope();
    java.util.List<Boolean> endedWhenRun = new java.util.ArrayList<>();
    trace.beforeEnd(
        () -> {
          endedWhenRun.add(trace.isEnded());
          unread.end();
        });
    trace.beforeEnd(
        () -> {
          throw new IllegalStateException("a failing action is logged, not thrown");
        });

    trace.close();
    trace.end();

    assertThat(endedWhenRun).containsExactly(false);
    assertThat(recorder.events).containsSubsequence("span-end stream", "trace-end wf");
    assertThat(recorder.traceEnds).hasSize(1);
    // Added after the end: runs at once.
    java.util.List<String> late = new java.util.ArrayList<>();
    trace.beforeEnd(() -> late.add("ran"));
    assertThat(late).containsExactly("ran");
  }

  @Test
  void end_reportsOnce_withTheFinalRecord() {
    Trace trace = Tracing.trace("wf").groupId("group_1").metadata("k", "v").start();
    assertThat(trace.toRecord().isEnded()).isFalse();
    trace.end();
    trace.end();
    trace.close();
    assertThat(recorder.traceStarts).hasSize(1);
    assertThat(recorder.traceEnds).hasSize(1);
    TraceRecord ended = recorder.traceEnds.get(0);
    assertThat(ended.isEnded()).isTrue();
    assertThat(ended.durationMicros()).isPositive();
    assertThat(ended.groupId()).isEqualTo("group_1");
    assertThat(ended.metadata()).containsEntry("k", "v");
    assertThat(trace.toRecord()).isEqualTo(ended);
  }

  @Test
  void traceId_givenByTheCaller_isKept_andAMalformedOneIsReplaced() {
    String id = "trace_0123456789abcdef0123456789abcdef";
    try (Trace trace = Tracing.trace("wf").traceId(id).start()) {
      assertThat(trace.traceId()).isEqualTo(id);
    }
    try (Trace trace = Tracing.trace("wf").traceId("trace_XYZ").start()) {
      assertThat(trace.traceId()).matches("trace_[0-9a-f]{32}");
    }
  }
}
