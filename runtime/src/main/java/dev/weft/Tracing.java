package dev.weft;

import dev.weft.config.WeftConfig;
import dev.weft.data.AgentSpanData;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.SpeechGroupSpanData;
import dev.weft.data.SpeechSpanData;
import dev.weft.data.TaskSpanData;
import dev.weft.data.TranscriptionSpanData;
import dev.weft.data.TurnSpanData;
import dev.weft.data.Usage;
import dev.weft.export.Exporters;
import dev.weft.internal.Ids;
import dev.weft.internal.WeftLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The manual tracing API: start traces and typed spans, reach the current ones, manage processors,
 * and carry the current context into work run on other threads.
 *
 * <pre>{@code
 * try (Trace trace = Tracing.trace("Support workflow").groupId(conversationId).start();
 *     Span agent = Tracing.startAgentSpan("Triage")) {
 *   try (Span tool = Tracing.startFunctionSpan("lookup_order", "{\"id\":42}")) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Every method is safe to call from any thread and never throws into the caller: when tracing is
 * disabled, or something inside tracing fails, the returned trace or span simply records nothing.
 * The first use reads the configuration (system properties, environment, properties file) unless
 * {@link #configure(WeftConfig)} was called before.
 */
public final class Tracing {
  private static final Object LOCK = new Object();
  private static volatile TracerState state;
  private static volatile WeftConfig config;
  private static volatile List<TracingProcessor> processors = List.of();
  private static volatile Clock clock = Clock.system();
  private static boolean shutdownHookAdded;
  private static boolean shutDown;

  private Tracing() {}

  // ---------------------------------------------------------------- configuration

  /**
   * Applies a configuration: enabled or not, sensitive data, sampling, and the processors of the
   * configured exporters, replacing (after flushing) the processors in use.
   */
  public static void configure(WeftConfig newConfig) {
    synchronized (LOCK) {
      WeftLog.setLevel(WeftLog.Level.parse(newConfig.logLevel()));
      List<TracingProcessor> old = processors;
      List<TracingProcessor> created = List.of();
      if (!newConfig.disabled()) {
        created = Exporters.processorsFor(newConfig);
      }
      config = newConfig;
      processors = created;
      state =
          new TracerState(
              !newConfig.disabled(),
              newConfig.includeSensitiveData(),
              newConfig.samplerRatio(),
              emptyToNull(newConfig.get("weft.implicit-trace-name")),
              MultiTracingProcessor.of(created),
              clock,
              newConfig.getBoolean("weft.sampler.keep-errors", false));
      addShutdownHook();
      shutDown = false;
      MultiTracingProcessor.of(old).shutdown();
    }
  }

  /** Returns the configuration in use. */
  public static WeftConfig config() {
    state();
    return config;
  }

  /** Returns whether tracing is enabled: when false, every span and trace records nothing. */
  public static boolean isEnabled() {
    return state().enabled;
  }

  /**
   * Returns whether captured content (arguments, results, model input and output, error messages)
   * is recorded.
   */
  public static boolean includeSensitiveData() {
    return state().includeSensitiveData;
  }

  /** Switches tracing off: from now on no trace or span is recorded. */
  public static void disable() {
    synchronized (LOCK) {
      state = state().withEnabled(false);
    }
  }

  /** Switches tracing back on after {@link #disable()}. */
  public static void enable() {
    synchronized (LOCK) {
      state = state().withEnabled(true);
    }
  }

  /** Replaces every processor by {@code newProcessors}, in calling order. */
  public static void setProcessors(TracingProcessor... newProcessors) {
    synchronized (LOCK) {
      TracerState current = state();
      processors = List.of(newProcessors);
      state = current.withProcessor(MultiTracingProcessor.of(processors));
    }
  }

  /** Adds a processor after those in use. */
  public static void addProcessor(TracingProcessor processor) {
    synchronized (LOCK) {
      TracerState current = state();
      List<TracingProcessor> list = new ArrayList<>(processors);
      list.add(processor);
      processors = List.copyOf(list);
      state = current.withProcessor(MultiTracingProcessor.of(processors));
    }
  }

  /** Returns the processors in use, in calling order. */
  public static List<TracingProcessor> processors() {
    state();
    return processors;
  }

  /** Sets the clock of traces and spans started from now on; for tests and replays. */
  public static void setClock(Clock newClock) {
    synchronized (LOCK) {
      clock = newClock;
      TracerState s = state();
      state =
          new TracerState(
              s.enabled,
              s.includeSensitiveData,
              s.samplerRatio,
              s.implicitTraceName,
              s.processor,
              newClock,
              s.keepErrors);
    }
  }

  /** Exports everything finished so far through every processor. */
  public static void forceFlush() {
    state().processor.forceFlush();
  }

  /**
   * Flushes and shuts down every processor, then disables tracing; called at JVM exit by a shutdown
   * hook, so applications rarely need it.
   */
  public static void shutdown() {
    TracingProcessor processor;
    synchronized (LOCK) {
      if (shutDown || state == null) {
        return;
      }
      shutDown = true;
      processor = state.processor;
      state = state.withEnabled(false);
    }
    processor.shutdown();
  }

  // ---------------------------------------------------------------- traces

  /** Returns a builder for a trace of the given workflow. */
  public static TraceBuilder trace(String workflowName) {
    return new TraceBuilder(workflowName);
  }

  /** Starts a trace of the given workflow, current on this thread until closed. */
  public static Trace startTrace(String workflowName) {
    return new TraceBuilder(workflowName).start();
  }

  /**
   * Starts a trace that continues one of another process, from its W3C {@code traceparent} header:
   * the same trace id, with the caller's span as parent of this trace's top spans, kept or left out
   * as the caller decided. A missing or malformed header starts a new trace (and says so at debug
   * level).
   */
  public static Trace continueTrace(String traceparent, String workflowName) {
    return new TraceBuilder(workflowName).parent(traceparent).start();
  }

  /**
   * Returns the W3C {@code traceparent} header of the current span, {@code 00-<trace id>-<span
   * id>-<flags>}, for an outgoing request, or null when no span is current. A trace with no span
   * open that continues another process's gives that caller's span.
   */
  public static String currentTraceparent() {
    try {
      Object current = ContextStorage.get();
      if (current instanceof SpanImpl span) {
        return Traceparent.format(span.traceId(), span.spanId(), span.trace.sampled);
      }
      if (current instanceof TraceImpl trace && trace.remoteParentId != null) {
        return Traceparent.format(trace.traceId(), trace.remoteParentId, trace.sampled);
      }
    } catch (RuntimeException e) {
      WeftLog.warnRateLimited("traceparent", "making a traceparent header failed", e);
    }
    return null;
  }

  static Trace startTrace(
      String workflowName,
      String groupId,
      Map<String, Object> metadata,
      String traceId,
      Map<String, String> exportSettings) {
    return startTrace(workflowName, groupId, metadata, traceId, exportSettings, null);
  }

  static Trace startTrace(
      String workflowName,
      String groupId,
      Map<String, Object> metadata,
      String traceId,
      Map<String, String> exportSettings,
      Traceparent remote) {
    TracerState s = state();
    if (!s.enabled) {
      return NoopTrace.INSTANCE;
    }
    try {
      String id = traceId;
      if (id != null && !Ids.isValid(id, "trace_", 32)) {
        WeftLog.warn("trace id " + id + " is not trace_ + 32 lowercase hex; using a new id");
        id = null;
      }
      if (remote != null) {
        id = remote.traceId();
      }
      long now = s.clock.nowMicros();
      TraceRecord record;
      if (id == null) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        record =
            TraceRecord.started(
                random.nextLong(),
                random.nextLong(),
                workflowName,
                groupId,
                metadata,
                now,
                exportSettings);
      } else {
        record = new TraceRecord(id, workflowName, groupId, metadata, now, 0, exportSettings);
      }
      Object previous = ContextStorage.get();
      TraceImpl trace =
          remote == null
              ? new TraceImpl(s, record, s.sample(), previous)
              : new TraceImpl(s, record, remote.sampled(), previous, remote.parentSpanId());
      ContextStorage.set(trace);
      trace.reportStart();
      return trace;
    } catch (Throwable t) {
      WeftLog.warnRateLimited("trace-start", "starting a trace failed", t);
      return NoopTrace.INSTANCE;
    }
  }

  /** Returns the trace current on this thread, or null. */
  public static Trace currentTrace() {
    return ContextStorage.traceOf(ContextStorage.get());
  }

  /** Returns the span current on this thread, or null. */
  public static Span currentSpan() {
    return ContextStorage.get() instanceof SpanImpl span ? span : null;
  }

  // ---------------------------------------------------------------- spans

  /**
   * Starts a span with the given data under the current span (or trace), current on this thread
   * until closed. With no trace current, an implicit trace named after this span starts and ends
   * with it.
   */
  public static Span startSpan(SpanData data) {
    TracerState s = state();
    if (!s.enabled || data == null) {
      return NoopSpan.INSTANCE;
    }
    try {
      Object current = ContextStorage.get();
      SpanImpl parent = current instanceof SpanImpl span ? span : null;
      TraceImpl trace = parent != null ? parent.trace : (TraceImpl) ContextStorage.traceOf(current);
      SpanImpl span;
      if (trace == null) {
        // An implicit trace starts with its span, at the same moment: one clock read for both.
        long now = s.clock.nowMicros();
        trace = implicitTrace(s, data, current, now);
        span = new SpanImpl(trace, null, data, current, now);
        trace.implicitRoot = span;
      } else {
        span = new SpanImpl(trace, parent, data, current);
      }
      ContextStorage.set(span);
      if (trace.sampled) {
        trace.tracer.processor.onSpanStart(span);
      }
      return span;
    } catch (Throwable t) {
      WeftLog.warnRateLimited("span-start", "starting a span failed", t);
      return NoopSpan.INSTANCE;
    }
  }

  private static TraceImpl implicitTrace(
      TracerState s, SpanData data, Object previous, long nowMicros) {
    String name = s.implicitTraceName != null ? s.implicitTraceName : data.displayName();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    TraceRecord record =
        TraceRecord.started(
            random.nextLong(), random.nextLong(), name, null, null, nowMicros, null);
    TraceImpl trace = new TraceImpl(s, record, s.sample(), previous);
    trace.reportStart();
    return trace;
  }

  /** Starts an {@code agent} span. */
  public static Span startAgentSpan(String name) {
    return startSpan(AgentSpanData.named(name));
  }

  /** Starts an {@code agent} span with its handoffs, tools and output type. */
  public static Span startAgentSpan(
      String name, List<String> handoffs, List<String> tools, String outputType) {
    return startSpan(new AgentSpanData(name, handoffs, tools, outputType));
  }

  /** Starts a {@code function} (tool) span with its input as JSON text. */
  public static Span startFunctionSpan(String name, String input) {
    return startSpan(FunctionSpanData.of(name, input));
  }

  /** Starts a {@code generation} span for a model with its input messages. */
  public static Span startGenerationSpan(String model, List<Object> input) {
    return startSpan(GenerationSpanData.of(model, input));
  }

  /** Starts a {@code response} span. */
  public static Span startResponseSpan(String responseId) {
    return startSpan(new ResponseSpanData(responseId, null));
  }

  /** Starts a {@code handoff} span. */
  public static Span startHandoffSpan(String fromAgent, String toAgent) {
    return startSpan(new HandoffSpanData(fromAgent, toAgent));
  }

  /** Starts a {@code custom} span with facts by name. */
  public static Span startCustomSpan(String name, Map<String, Object> data) {
    return startSpan(new CustomSpanData(name, data));
  }

  /** Starts a {@code guardrail} span, not triggered until its data says so. */
  public static Span startGuardrailSpan(String name) {
    return startSpan(new GuardrailSpanData(name, false));
  }

  /** Starts an {@code mcp_tools} span for a server. */
  public static Span startMcpToolsSpan(String server, List<String> toolNames) {
    return startSpan(new McpToolsSpanData(server, toolNames));
  }

  /** Starts a {@code task} span. */
  public static Span startTaskSpan(String name) {
    return startSpan(new TaskSpanData(name, null));
  }

  /**
   * Starts a {@code turn} span numbered after the turns of the nearest enclosing agent span, whose
   * name it records.
   */
  public static Span startTurnSpan() {
    Span agent = currentSpan();
    while (agent != null && !(agent.data() instanceof AgentSpanData)) {
      agent = agent.parent();
    }
    if (agent == null) {
      return startSpan(new TurnSpanData(1, null, null));
    }
    String agentName = ((AgentSpanData) agent.data()).name();
    return startSpan(new TurnSpanData(agent.nextTurnNumber(), agentName, null));
  }

  /** Starts a {@code transcription} span. */
  public static Span startTranscriptionSpan(String model, String inputData, String inputFormat) {
    return startSpan(new TranscriptionSpanData(inputData, inputFormat, null, model, null));
  }

  /** Starts a {@code speech} span. */
  public static Span startSpeechSpan(String model, String input) {
    return startSpan(new SpeechSpanData(input, null, null, model, null, null));
  }

  /** Starts a {@code speech_group} span. */
  public static Span startSpeechGroupSpan(String input) {
    return startSpan(new SpeechGroupSpanData(input));
  }

  /** Sets the error of the current span, if any. */
  public static void setError(SpanError error) {
    Span span = currentSpan();
    if (span != null) {
      span.setError(error);
    }
  }

  /** Sets the usage of the current span, if any. */
  public static void setUsage(Usage usage) {
    Span span = currentSpan();
    if (span != null) {
      span.setUsage(usage);
    }
  }

  // ---------------------------------------------------------------- context

  /** Returns a task that runs {@code task} within the context current now. */
  public static Runnable wrap(Runnable task) {
    return TracingContext.current().wrap(task);
  }

  /** Returns a task that calls {@code task} within the context current now. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return TracingContext.current().wrap(task);
  }

  /**
   * Returns an executor that runs each task within the context current when the task was handed to
   * it.
   */
  public static Executor wrap(Executor executor) {
    if (executor instanceof ExecutorService service) {
      return wrap(service);
    }
    return command -> executor.execute(TracingContext.current().wrap(command));
  }

  /**
   * Returns an executor service that runs each task within the context current when the task was
   * submitted.
   */
  public static ExecutorService wrap(ExecutorService executor) {
    return executor instanceof ContextExecutorService
        ? executor
        : new ContextExecutorService(executor);
  }

  // ---------------------------------------------------------------- internals

  private static TracerState state() {
    TracerState s = state;
    if (s != null) {
      return s;
    }
    synchronized (LOCK) {
      if (state == null) {
        try {
          configure(WeftConfig.load(null));
        } catch (Throwable t) {
          WeftLog.error("configuring tracing failed; tracing is disabled", t);
          config = WeftConfig.defaults();
          state = new TracerState(false, false, 1.0, null, MultiTracingProcessor.NOOP, clock);
        }
      }
      return state;
    }
  }

  private static void addShutdownHook() {
    if (shutdownHookAdded) {
      return;
    }
    shutdownHookAdded = true;
    try {
      Thread hook = new Thread(Tracing::shutdownWithinDeadline, "weft-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException | SecurityException e) {
      WeftLog.debug("no shutdown hook: " + e);
    }
  }

  private static void shutdownWithinDeadline() {
    Thread worker = new Thread(Tracing::shutdown, "weft-shutdown-flush");
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      WeftLog.warn("exporting at exit took longer than 5 s; the rest is dropped");
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
