package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.config.WeftConfig;
import dev.weft.data.AgentSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.SpanError;
import dev.weft.data.TurnSpanData;
import dev.weft.data.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracingTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordingProcessor recorder;
  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    recorder = TestTracing.reset();
  }

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
    TestTracing.reset();
  }

  @Test
  void startSpan_withNoTraceCurrent_startsAnImplicitTraceNamedAfterTheSpan_endedWithIt() {
    Span root = Tracing.startAgentSpan("Planner");
    Trace implicit = Tracing.currentTrace();
    assertThat(implicit).isNotNull();
    assertThat(implicit.workflowName()).isEqualTo("Planner");
    try (Span child = Tracing.startFunctionSpan("search", "{}")) {
      assertThat(child.traceId()).isEqualTo(implicit.traceId());
      assertThat(child.parentId()).isEqualTo(root.spanId());
    }
    assertThat(recorder.traceEnds).isEmpty();
    root.close();
    assertThat(Tracing.currentTrace()).isNull();
    assertThat(recorder.traceStarts)
        .extracting(TraceRecord::workflowName)
        .containsExactly("Planner");
    assertThat(recorder.traceEnds)
        .extracting(TraceRecord::traceId)
        .containsExactly(implicit.traceId());
    assertThat(recorder.traceEnds.get(0).endedAtMicros())
        .isGreaterThanOrEqualTo(root.endedAtMicros());
  }

  @Test
  void implicitTrace_startsAndEndsAtTheSameMomentsAsItsSpan() {
    Span root = Tracing.startFunctionSpan("lookup", null);
    root.close();

    TraceRecord trace = recorder.traceEnds.get(0);
    assertThat(trace.startedAtMicros()).isEqualTo(root.startedAtMicros());
    assertThat(trace.endedAtMicros()).isEqualTo(root.endedAtMicros());
    assertThat(root.endedAtMicros()).isGreaterThan(root.startedAtMicros());
  }

  @Test
  void implicitTraceName_whenConfigured_namesEveryImplicitTrace() {
    try (SystemProperties props =
        new SystemProperties().set("weft.implicit-trace-name", "Agent run")) {
      recorder = TestTracing.reset();
      try (Span root = Tracing.startAgentSpan("Planner")) {
        assertThat(Tracing.currentTrace().workflowName()).isEqualTo("Agent run");
      }
    }
    assertThat(recorder.traceEnds)
        .extracting(TraceRecord::workflowName)
        .containsExactly("Agent run");
  }

  @Test
  void configure_withNone_installsNoProcessor() {
    try (SystemProperties props = new SystemProperties().set("weft.exporters", "none")) {
      Tracing.configure(WeftConfig.load(null));
      assertThat(Tracing.processors()).isEmpty();
      assertThat(Tracing.isEnabled()).isTrue();
    }
  }

  @Test
  void disabledConfiguration_returnsNoopSpans_andExportsNothing() {
    try (SystemProperties props = new SystemProperties().set("weft.disabled", "true")) {
      Tracing.configure(WeftConfig.load(null));
      Tracing.setProcessors(recorder);
      assertThat(Tracing.isEnabled()).isFalse();
      try (Trace trace = Tracing.trace("off").start();
          Span span = Tracing.startAgentSpan("a")) {
        assertThat(span).isSameAs(NoopSpan.INSTANCE);
        assertThat(trace.isRecording()).isFalse();
        assertThat(Tracing.currentSpan()).isNull();
      }
    }
    assertThat(recorder.traceStarts).isEmpty();
    assertThat(recorder.spanStarts).isEmpty();
    assertThat(recorder.spanEnds).isEmpty();
  }

  @Test
  void disable_stopsRecording_andEnableResumes() {
    Tracing.disable();
    try (Span span = Tracing.startAgentSpan("off")) {
      assertThat(span.isRecording()).isFalse();
    }
    Tracing.enable();
    try (Span span = Tracing.startAgentSpan("on")) {
      assertThat(span.isRecording()).isTrue();
    }
    assertThat(recorder.spanEnds).extracting(s -> s.data().displayName()).containsExactly("on");
  }

  @Test
  void wrapRunnableAndCallable_carryTheContextToAnotherThread() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Trace trace = Tracing.trace("wf").start();
        Span agent = Tracing.startAgentSpan("agent")) {
      AtomicReference<String> parentSeen = new AtomicReference<>();
      pool.submit(
              Tracing.wrap(
                  (Runnable)
                      () -> {
                        try (Span tool = Tracing.startFunctionSpan("tool", "{}")) {
                          parentSeen.set(tool.parentId());
                        }
                      }))
          .get(10, TimeUnit.SECONDS);
      assertThat(parentSeen).hasValue(agent.spanId());
      Callable<String> callable = () -> Tracing.currentSpan().spanId();
      assertThat(pool.submit(Tracing.wrap(callable)).get(10, TimeUnit.SECONDS))
          .isEqualTo(agent.spanId());
      // The worker thread's own context is restored after each task.
      assertThat(pool.submit(() -> Tracing.currentTrace() == null).get(10, TimeUnit.SECONDS))
          .isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void wrapExecutorAndExecutorService_carryTheContextOfTheSubmitter() throws Exception {
    ExecutorService raw = Executors.newFixedThreadPool(2);
    ExecutorService service = Tracing.wrap(raw);
    try (Trace trace = Tracing.trace("wf").start();
        Span agent = Tracing.startAgentSpan("agent")) {
      assertThat(service.submit(() -> Tracing.currentSpan()).get(10, TimeUnit.SECONDS))
          .isSameAs(agent);
      List<Callable<String>> tasks = List.of(() -> Tracing.currentTrace().traceId());
      assertThat(service.invokeAll(tasks).get(0).get()).isEqualTo(trace.traceId());
      CompletableFuture<Span> viaExecutor = new CompletableFuture<>();
      java.util.concurrent.Executor executor =
          Tracing.wrap((java.util.concurrent.Executor) raw::execute);
      executor.execute(() -> viaExecutor.complete(Tracing.currentSpan()));
      assertThat(viaExecutor.get(10, TimeUnit.SECONDS)).isSameAs(agent);
      assertThat(Tracing.wrap(service)).isSameAs(service);
    } finally {
      raw.shutdownNow();
    }
  }

  @Test
  void startTurnSpan_numbersTurnsOfTheEnclosingAgent() {
    try (Trace trace = Tracing.trace("wf").start();
        Span agent = Tracing.startAgentSpan("Writer")) {
      for (int i = 1; i <= 3; i++) {
        try (Span turn = Tracing.startTurnSpan();
            Span tool = Tracing.startFunctionSpan("t", "{}")) {
          assertThat(turn.data()).isEqualTo(new TurnSpanData(i, "Writer", null));
        }
      }
    }
  }

  @Test
  void setErrorAndSetUsage_applyToTheCurrentSpan() {
    try (Trace trace = Tracing.trace("wf").start();
        Span span = Tracing.startGenerationSpan("gpt-4.1", List.of(Map.of("role", "user")))) {
      Tracing.setError(SpanError.of("rate limited"));
      Tracing.setUsage(Usage.of(3, 4));
    }
    SpanRecord ended = recorder.spanEnds.get(0);
    assertThat(ended.error()).isEqualTo(SpanError.of("rate limited"));
    assertThat(((GenerationSpanData) ended.data()).usage()).isEqualTo(Usage.of(3, 4));
    assertThat(recorder.spanStarts)
        .extracting(ReadableSpan::spanId)
        .containsExactly(ended.spanId());
  }

  @Test
  void shutdown_flushesAndShutsDownProcessors_thenRecordsNothing() {
    Tracing.shutdown();
    assertThat(recorder.shutdowns).isEqualTo(1);
    try (Span span = Tracing.startAgentSpan("after")) {
      assertThat(span.isRecording()).isFalse();
    }
    Tracing.shutdown();
    assertThat(recorder.shutdowns).isEqualTo(1);
    assertThat(recorder.spanEnds).isEmpty();
  }

  /** The example of README.md, kept here so that it compiles. */
  @Test
  void readmeExample_recordsAgentToolAndGenerationSpans() {
    try (Trace trace = Tracing.trace("Support workflow").groupId("conversation-42").start();
        Span agent = Tracing.startAgentSpan("Triage")) {
      try (Span tool = Tracing.startFunctionSpan("lookup_order", "{\"id\":42}")) {
        tool.setData(((FunctionSpanData) tool.data()).withOutput("shipped"));
      }
      try (Span generation =
          Tracing.startGenerationSpan(
              "gpt-4.1", List.of(Map.of("role", "user", "content", "Hi")))) {
        generation.setUsage(Usage.of(12, 5));
      }
    }
    assertThat(recorder.spanEnds)
        .extracting(s -> s.data().type())
        .containsExactly("function", "generation", "agent");
    assertThat(((FunctionSpanData) recorder.ended("lookup_order").data()).output())
        .isEqualTo("shipped");
    assertThat(recorder.traceEnds.get(0).groupId()).isEqualTo("conversation-42");
  }

  @Test
  void addProcessor_appendsAfterThoseInUse() {
    RecordingProcessor second = new RecordingProcessor();
    Tracing.addProcessor(second);
    assertThat(Tracing.processors()).containsExactly(recorder, second);
    try (Span span = Tracing.startSpan(AgentSpanData.named("a"))) {
      assertThat(span.isRecording()).isTrue();
    }
    assertThat(recorder.spanEnds).hasSize(1);
    assertThat(second.spanEnds).hasSize(1);
  }
}
