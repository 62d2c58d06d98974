package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.WeftConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingDistributedContextTest {
  private static final String TRACE_HEX = "4bf92f3577b34da6a3ce929d0e0e4736";
  private final RecordingProcessor recorder = new RecordingProcessor();

  @BeforeEach
  void configure() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    Tracing.setProcessors(recorder);
  }

  @AfterEach
  void reset() {
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  @Test
  void currentTraceparent_withoutContext_isNull() {
    assertThat(Tracing.currentTraceparent()).isNull();
  }

  @Test
  void currentTraceparent_namesTheTraceAndTheLast16HexOfTheCurrentSpan() {
    try (Trace trace = Tracing.startTrace("caller");
        Span span = Tracing.startAgentSpan("agent")) {
      String header = Tracing.currentTraceparent();

      assertThat(header)
          .isEqualTo(
              "00-"
                  + trace.traceId().substring(6)
                  + "-"
                  + span.spanId().substring(span.spanId().length() - 16)
                  + "-01");
    }
  }

  @Test
  void currentTraceparent_whenTraceNotSampled_flagsZero() {
    Tracing.configure(WeftConfig.load("exporters=none;sampler.ratio=0"));

    try (Trace trace = Tracing.startTrace("caller");
        Span span = Tracing.startAgentSpan("agent")) {
      assertThat(Tracing.currentTraceparent()).endsWith("-00");
    }
  }

  @Test
  void continueTrace_takesTraceIdAndParentsTopSpansOnTheCaller() {
    String header = "00-" + TRACE_HEX + "-00f067aa0ba902b7-01";

    try (Trace trace = Tracing.continueTrace(header, "tool service");
        Span root = Tracing.startFunctionSpan("lookup", "{}")) {
      try (Span child = Tracing.startCustomSpan("db", null)) {
        assertThat(child.parentId()).isEqualTo(root.spanId());
      }
      assertThat(trace.traceId()).isEqualTo("trace_" + TRACE_HEX);
      assertThat(root.parentId()).isEqualTo("span_0000000000f067aa0ba902b7");
      assertThat(root.parent()).isNull();
    }
    assertThat(recorder.traceStarts)
        .extracting(TraceRecord::traceId)
        .containsExactly("trace_" + TRACE_HEX);
  }

  @Test
  void continueTrace_whenCallerDidNotSample_recordsNothing() {
    try (Trace trace = Tracing.continueTrace("00-" + TRACE_HEX + "-00f067aa0ba902b7-00", "svc");
        Span root = Tracing.startAgentSpan("a")) {
      assertThat(Tracing.currentTraceparent()).endsWith("-00");
    }

    assertThat(recorder.events).isEmpty();
  }

  @Test
  void continueTrace_withOnlyTheTraceOpen_passesTheCallersSpanOn() {
    String header = "00-" + TRACE_HEX + "-00f067aa0ba902b7-01";

    try (Trace trace = Tracing.continueTrace(header, "relay")) {
      assertThat(Tracing.currentTraceparent()).isEqualTo(header);
    }
  }

  @Test
  void continueTrace_whenHeaderMalformed_startsANewTraceWithoutParent() {
    try (Trace trace = Tracing.continueTrace("00-nonsense", "svc");
        Span root = Tracing.startAgentSpan("a")) {
      assertThat(trace.traceId()).isNotEqualTo("trace_" + TRACE_HEX).startsWith("trace_");
      assertThat(root.parentId()).isNull();
    }
    assertThat(recorder.traceStarts).hasSize(1);
  }
}
