package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.data.CustomSpanData;
import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultiTracingProcessorTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void captureLog() {
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLog() {
    WeftLog.setOutput(System.err);
    TestTracing.clearContext();
  }

  /** A processor that fails on every call. */
  static final class ExplodingProcessor implements TracingProcessor {
    @Override
    public void onTraceStart(TraceRecord trace) {
      throw new IllegalStateException("trace start");
    }

    @Override
    public void onSpanStart(ReadableSpan span) {
      throw new IllegalStateException("span start");
    }

    @Override
    public void onSpanEnd(SpanRecord span) {
      throw new IllegalStateException("span end");
    }

    @Override
    public void onTraceEnd(TraceRecord trace) {
      throw new IllegalStateException("trace end");
    }

    @Override
    public void forceFlush() {
      throw new IllegalStateException("flush");
    }

    @Override
    public void shutdown() {
      throw new IllegalStateException("shutdown");
    }
  }

  @Test
  void aProcessorThatThrows_isLoggedRateLimited_andTheOthersStillRun() {
    TestTracing.reset();
    RecordingProcessor before = new RecordingProcessor();
    RecordingProcessor after = new RecordingProcessor();
    Tracing.setProcessors(before, new ExplodingProcessor(), after);
    for (int i = 0; i < 50; i++) {
      try (Trace trace = Tracing.trace("wf").start();
          Span span = Tracing.startSpan(CustomSpanData.named("s" + i))) {
        assertThat(span.isRecording()).isTrue();
      }
    }
    Tracing.forceFlush();
    Tracing.shutdown();

    for (RecordingProcessor p : List.of(before, after)) {
      assertThat(p.traceStarts).hasSize(50);
      assertThat(p.spanStarts).hasSize(50);
      assertThat(p.spanEnds).hasSize(50);
      assertThat(p.traceEnds).hasSize(50);
      assertThat(p.flushes).isEqualTo(1);
      assertThat(p.shutdowns).isEqualTo(1);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    String name = ExplodingProcessor.class.getName();
    for (String method :
        List.of(
            "onTraceStart", "onSpanStart", "onSpanEnd", "onTraceEnd", "forceFlush", "shutdown")) {
      assertThat(text.lines().filter(l -> l.contains(name + " failed in " + method + " ")))
          .as(method)
          .hasSize(1);
    }
    assertThat(text).contains("[weft] WARN", "IllegalStateException");
    TestTracing.reset();
  }

  @Test
  void of_anEmptyList_isTheNoopProcessor() {
    assertThat(MultiTracingProcessor.of(List.of())).isSameAs(MultiTracingProcessor.NOOP);
    RecordingProcessor one = new RecordingProcessor();
    MultiTracingProcessor multi = (MultiTracingProcessor) MultiTracingProcessor.of(List.of(one));
    assertThat(multi.processors()).containsExactly(one);
  }
}
