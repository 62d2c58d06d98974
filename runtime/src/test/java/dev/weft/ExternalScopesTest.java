package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.WeftConfig;
import dev.weft.internal.ExternalContext;
import dev.weft.internal.ExternalContexts;
import dev.weft.internal.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weft's context followed by an installed {@link ExternalContext}: traces join the external span
 * current when they start, and Weft spans are made current there and released newest first.
 */
class ExternalScopesTest {
  private static final String TRACE_HEX = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_HEX = "00f067aa0ba902b7";

  private final RecordingProcessor recorder = new RecordingProcessor();
  private final ExternalLog external = new ExternalLog();

  @BeforeEach
  void configure() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    Tracing.setProcessors(recorder);
    ExternalContexts.install(external);
  }

  @AfterEach
  void reset() {
    ExternalContexts.install(null);
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  @Test
  void trace_startedInsideAnExternalSpan_takesItsTraceIdAndParent() {
    external.current = "00-" + TRACE_HEX + "-" + PARENT_HEX + "-01";
    try (Trace trace = Tracing.startTrace("joined");
        Span agent = Tracing.startAgentSpan("agent")) {
      assertThat(trace.traceId()).isEqualTo("trace_" + TRACE_HEX);
      assertThat(agent.parentId()).isEqualTo("span_00000000" + PARENT_HEX);
    }
    // Exporters learn the trace's remote parent from its own records, at start and at end.
    assertThat(recorder.traceStarts)
        .singleElement()
        .satisfies(t -> assertThat(t.remoteParentId()).isEqualTo("span_00000000" + PARENT_HEX));
    assertThat(recorder.traceEnds)
        .singleElement()
        .satisfies(t -> assertThat(t.remoteParentId()).isEqualTo("span_00000000" + PARENT_HEX));
  }

  @Test
  void implicitTrace_insideAnExternalSpan_joinsItAndFollowsItsSamplingDecision() {
    external.current = "00-" + TRACE_HEX + "-" + PARENT_HEX + "-00";
    try (Span tool = Tracing.startFunctionSpan("lookup", "{}")) {
      assertThat(tool.traceId()).isEqualTo("trace_" + TRACE_HEX);
      assertThat(tool.isRecording()).isFalse();
    }
    assertThat(recorder.spanEnds).isEmpty();
  }

  @Test
  void trace_insideAWeftTrace_doesNotJoinTheExternalSpan() {
    try (Trace outer = Tracing.startTrace("outer");
        Span agent = Tracing.startAgentSpan("agent")) {
      external.current = "00-" + TRACE_HEX + "-" + PARENT_HEX + "-01";
      try (Trace inner = Tracing.startTrace("inner")) {
        assertThat(inner.traceId()).isNotEqualTo("trace_" + TRACE_HEX);
      }
    }
  }

  @Test
  void spans_areMadeCurrentExternallyAndReleasedNewestFirst() {
    String agentHex;
    String toolHex;
    String traceHex;
    try (Trace trace = Tracing.startTrace("nested")) {
      traceHex = Ids.w3cTraceId(trace.traceId());
      try (Span agent = Tracing.startAgentSpan("agent")) {
        agentHex = Ids.w3cSpanId(agent.spanId());
        try (Span tool = Tracing.startFunctionSpan("lookup", "{}")) {
          toolHex = Ids.w3cSpanId(tool.spanId());
        }
      }
    }
    assertThat(external.events)
        .containsExactly(
            "attach " + traceHex + " " + agentHex + " sampled",
            "attach " + traceHex + " " + toolHex + " sampled",
            "close " + toolHex,
            "close " + agentHex);
  }

  @Test
  void spansOfAJoinedTrace_areMadeCurrentExternallyUnderTheJoinedTraceId() {
    external.current = "00-" + TRACE_HEX + "-" + PARENT_HEX + "-01";
    String toolHex;
    try (Span tool = Tracing.startFunctionSpan("lookup", "{}")) {
      toolHex = Ids.w3cSpanId(tool.spanId());
    }
    assertThat(external.events)
        .containsExactly("attach " + TRACE_HEX + " " + toolHex + " sampled", "close " + toolHex);
  }

  @Test
  void spansOfATraceWhoseIdIsAllZeros_areNotMadeCurrentExternally_whichWouldHoldThemInvalid() {
    try (Trace trace = Tracing.trace("zeros").traceId("trace_" + "0".repeat(32)).start();
        Span agent = Tracing.startAgentSpan("agent")) {
      assertThat(agent.traceId()).isEqualTo("trace_" + "0".repeat(32));
    }
    assertThat(external.events).isEmpty();
    assertThat(recorder.spanEnds).hasSize(1);
  }

  @Test
  void contextHandedToAnotherThread_isAttachedThereUntilItsScopeCloses() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Trace trace = Tracing.startTrace("handed");
        Span agent = Tracing.startAgentSpan("agent")) {
      String agentHex = Ids.w3cSpanId(agent.spanId());
      TracingContext context = TracingContext.current();
      external.events.clear();
      CompletableFuture.runAsync(
              () -> {
                try (Scope ignored = context.makeCurrent()) {
                  external.events.add("working");
                }
              },
              pool)
          .get();
      assertThat(external.events)
          .containsExactly(
              "attach " + Ids.w3cTraceId(trace.traceId()) + " " + agentHex + " sampled",
              "working",
              "close " + agentHex);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void failingExternalContext_leavesWeftTracingAsItWas() {
    ExternalContexts.install(
        new ExternalContext() {
          @Override
          public String currentTraceparent() {
            throw new IllegalStateException("broken");
          }

          @Override
          public AutoCloseable attach(long traceHigh, long traceLow, long spanId, boolean sampled) {
            throw new IllegalStateException("broken");
          }
        });
    try (Trace trace = Tracing.startTrace("alone");
        Span agent = Tracing.startAgentSpan("agent")) {
      assertThat(trace.traceId()).matches("trace_[0-9a-f]{32}");
      assertThat(agent.parentId()).isNull();
    }
    assertThat(recorder.spanEnds).hasSize(1);
  }

  /** An external context that records what Weft asks of it, in order; synchronized for threads. */
  private static final class ExternalLog implements ExternalContext {
    final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile String current;

    @Override
    public String currentTraceparent() {
      return current;
    }

    @Override
    public AutoCloseable attach(long traceHigh, long traceLow, long spanId, boolean sampled) {
      String traceHex = Ids.hex32(traceHigh, traceLow);
      String spanHex = Ids.hex16(spanId);
      events.add("attach " + traceHex + " " + spanHex + (sampled ? " sampled" : " dropped"));
      return (Scope) () -> events.add("close " + spanHex);
    }
  }
}
