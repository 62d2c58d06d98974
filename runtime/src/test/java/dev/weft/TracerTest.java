package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.TestConfigs;
import dev.weft.data.AgentSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.export.TestExporterProviders.Slow;
import dev.weft.processor.BatchTraceProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tracers built by tests of their own, used without the static facade. */
class TracerTest {

  @AfterEach
  void clearContext() {
    TestTracing.clearContext();
  }

  @Test
  void twoTracers_sendTheirSpansToTheirOwnProcessors_withTheirOwnClock() {
    RecordingProcessor first = new RecordingProcessor();
    RecordingProcessor second = new RecordingProcessor();
    Tracer a = Tracer.builder().processors(first).clock(new ManualClock(5_000)).build();
    Tracer b = Tracer.builder().processors(second).build();

    try (Trace trace = a.trace("first workflow").start();
        Span agent = a.startSpan(AgentSpanData.named("Planner"))) {
      b.startSpan(FunctionSpanData.of("lookup", "{}")).close();
    }

    // The context is shared: a span started through the other tracer inside this trace belongs
    // to the trace, so it goes where the trace goes and the trace stays whole.
    assertThat(first.events)
        .containsExactly(
            "trace-start first workflow",
            "span-start Planner",
            "span-start lookup",
            "span-end lookup",
            "span-end Planner",
            "trace-end first workflow");
    // The trace starts at the manual clock's first reading; the span at its second, 5 ms on.
    assertThat(first.traceStarts.get(0).startedAtMicros()).isEqualTo(ManualClock.START_MICROS);
    assertThat(first.ended("Planner").startedAtMicros())
        .isEqualTo(ManualClock.START_MICROS + 5_000);
    assertThat(first.ended("lookup").parentId()).isEqualTo(first.ended("Planner").spanId());
    assertThat(second.events).isEmpty();

    // Outside any trace, each tracer's spans go to its own processors.
    b.startSpan(FunctionSpanData.of("alone", "{}")).close();
    assertThat(second.events)
        .containsExactly(
            "trace-start alone", "span-start alone", "span-end alone", "trace-end alone");
  }

  @Test
  void builder_samplerRatioZero_recordsNothing_andConfigDisabled_isNoop() {
    RecordingProcessor recorder = new RecordingProcessor();
    Tracer sampledOut = Tracer.builder().processors(recorder).samplerRatio(0.0).build();
    try (Trace trace = sampledOut.trace("wf").start()) {
      sampledOut.startSpan(AgentSpanData.named("a")).close();
      assertThat(trace.isRecording()).isFalse();
    }
    assertThat(recorder.events).isEmpty();

    Tracer disabled =
        Tracer.builder()
            .config(TestConfigs.fromProperties(Map.of("weft.disabled", "true")))
            .processors(recorder)
            .build();
    assertThat(disabled.isEnabled()).isFalse();
    assertThat(disabled.startSpan(AgentSpanData.named("a")).isRecording()).isFalse();
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void install_makesTheStaticFacadeUseTheTracer_andShutsDownTheOneReplaced() {
    RecordingProcessor before = new RecordingProcessor();
    RecordingProcessor after = new RecordingProcessor();
    Tracing.install(Tracer.builder().processors(before).build());
    Tracer mine = Tracer.builder().processors(after).build();
    Tracing.install(mine);

    assertThat(Tracing.tracer()).isSameAs(mine);
    assertThat(before.shutdowns).isEqualTo(1);
    Tracing.startAgentSpan("through the facade").close();
    assertThat(after.events).contains("span-end through the facade");
    assertThat(before.events).isEmpty();
    TestTracing.reset();
  }

  @Test
  void valueRenderer_followsTheCaptureSettings() {
    Tracer tracer =
        Tracer.fromConfig(
            TestConfigs.fromProperties(
                Map.of(
                    "weft.exporters", "none",
                    "weft.capture.max-chars", "100",
                    "weft.capture.tostring-timeout-ms", "250")));

    assertThat(tracer.valueRenderer().maxChars()).isEqualTo(100);
    assertThat(tracer.valueRenderer().toStringTimeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void exportersInBackground_buildReturnsFirst_andWhatIsRecordedMeanwhileWaitsForThem()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Slow.SLOW_START = release;
    Slow.EXPORTED.clear();
    Tracer tracer =
        Tracer.builder()
            .config(TestConfigs.fromProperties(Map.of("weft.exporters", "slow")))
            .exportersInBackground()
            .build();
    try {
      // The exporter cannot have started: build returned while its provider waits.
      Thread traced =
          new Thread(
              () -> {
                try (Trace trace = tracer.trace("early").start()) {
                  tracer.startSpan(AgentSpanData.named("Planner")).close();
                }
              });
      traced.start();
      awaitWaiting(traced);
      assertThat(traced.isAlive()).as("the trace waits for the exporters").isTrue();

      release.countDown();
      traced.join(5_000);
      assertThat(traced.isAlive()).isFalse();
      assertThat(tracer.processors()).singleElement().isInstanceOf(BatchTraceProcessor.class);
      tracer.forceFlush();
      assertThat(Slow.EXPORTED).containsOnly("trace early", "span Planner");
    } finally {
      release.countDown();
      tracer.shutdown();
      Slow.SLOW_START = new CountDownLatch(0);
    }
  }

  @Test
  void exportersInBackground_keepTheProcessorsAddedMeanwhile_afterThem() {
    CountDownLatch release = new CountDownLatch(1);
    Slow.SLOW_START = release;
    Tracer tracer =
        Tracer.builder()
            .config(TestConfigs.fromProperties(Map.of("weft.exporters", "slow")))
            .exportersInBackground()
            .build();
    RecordingProcessor added = new RecordingProcessor();
    try {
      tracer.addProcessor(added);
      release.countDown();

      List<TracingProcessor> processors = tracer.processors();
      assertThat(processors).hasSize(2);
      assertThat(processors.get(0)).isInstanceOf(BatchTraceProcessor.class);
      assertThat(processors.get(1)).isSameAs(added);
    } finally {
      release.countDown();
      tracer.shutdown();
      Slow.SLOW_START = new CountDownLatch(0);
    }
  }

  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
  }
}
