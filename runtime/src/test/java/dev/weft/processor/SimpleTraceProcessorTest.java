package dev.weft.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.RecordingProcessor;
import dev.weft.Span;
import dev.weft.SpanRecord;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimpleTraceProcessorTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @AfterEach
  void tearDown() {
    WeftLog.setOutput(System.err);
  }

  /** An exporter whose every export and flush fails. */
  static final class FailingExporter implements SpanExporter {
    @Override
    public void export(List<TraceRecord> traces, List<SpanRecord> spans) throws IOException {
      throw new IOException("disk full");
    }

    @Override
    public void flush() throws IOException {
      throw new IOException("flush");
    }
  }

  @Test
  void everyEvent_isExportedAtOnceOnTheCallingThread() {
    CollectingExporter exporter = new CollectingExporter(true);
    TestTracing.reset();
    Tracing.setProcessors(SimpleTraceProcessor.create(exporter));
    try (Trace trace = Tracing.trace("wf").start()) {
      Span span = Tracing.startAgentSpan("a");
      assertThat(exporter.traces).hasSize(1);
      assertThat(exporter.spans).isEmpty();
      span.close();
      assertThat(exporter.spans)
          .singleElement()
          .extracting(SpanRecord::spanId)
          .isEqualTo(span.spanId());
    }
    assertThat(exporter.traces).hasSize(2);
    assertThat(exporter.batchSizes).containsExactly(1, 1, 1);
    Tracing.forceFlush();
    assertThat(exporter.flushes).isEqualTo(1);
    Tracing.shutdown();
    assertThat(exporter.shutdowns).isEqualTo(1);
    TestTracing.reset();
  }

  @Test
  void anExporterThatThrows_isLoggedAndNeverReachesTheCaller() {
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    RecordingProcessor recorder = TestTracing.reset();
    SimpleTraceProcessor processor = SimpleTraceProcessor.create(new FailingExporter());
    Tracing.setProcessors(processor, recorder);
    try (Trace trace = Tracing.trace("wf").start();
        Span span = Tracing.startAgentSpan("a")) {
      assertThat(span.isRecording()).isTrue();
    }
    processor.forceFlush();
    assertThat(recorder.spanEnds).hasSize(1);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("failed to export", "failed to flush", "java.io.IOException");
  }
}
