package dev.weft.export.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ManualClock;
import dev.weft.Span;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.data.SpanError;
import dev.weft.processor.SimpleTraceProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleExporterTest {

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
  }

  @Test
  void finishedTrace_isPrintedAsAnIndentedTreeWithDurations() {
    ManualClock clock = new ManualClock(1_000);
    TestTracing.reset(clock);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tracing.setProcessors(
        SimpleTraceProcessor.create(
            ConsoleExporter.create(new PrintStream(out, true, StandardCharsets.UTF_8))));
    String traceId;
    try (Trace trace = Tracing.trace("Podcast workflow").start();
        Span agent = Tracing.startAgentSpan("Orchestrator")) {
      traceId = trace.traceId();
      try (Span tool = Tracing.startFunctionSpan("extract_keywords", "{}")) {
        clock.advance(411_000);
      }
      try (Span failing = Tracing.startFunctionSpan("publish", "{}")) {
        failing.setError(SpanError.of("quota exceeded"));
        clock.advance(2_000_000);
      }
      assertThat(out.size()).as("nothing printed before the trace ends").isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "trace Podcast workflow ("
                + traceId
                + ") 2.42 s, 3 spans\n"
                + "  agent Orchestrator 2.42 s\n"
                + "    function extract_keywords 412 ms\n"
                + "    function publish 2.00 s  ERROR quota exceeded\n");
  }

  @Test
  void duration_picksAReadableUnit() {
    assertThat(ConsoleExporter.duration(999)).isEqualTo("999 µs");
    assertThat(ConsoleExporter.duration(12_345)).isEqualTo("12 ms");
    assertThat(ConsoleExporter.duration(1_840_000)).isEqualTo("1.84 s");
  }
}
