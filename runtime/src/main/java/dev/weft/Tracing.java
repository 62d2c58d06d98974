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
import dev.weft.internal.ExternalContexts;
import dev.weft.internal.WeftLog;
import dev.weft.processor.BatchTraceProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

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
  // The one mutable global of the runtime: which tracer the static methods use.
  private static volatile Tracer installed;

  private Tracing() {}

  // ---------------------------------------------------------------- the tracer

  /**
   * Returns the tracer the static methods use: the one installed last, else one configured from the
   * system properties, environment and properties file on first use.
   */
  public static Tracer tracer() {
    Tracer tracer = installed;
    return tracer != null ? tracer : defaultTracer();
  }

  /**
   * Makes {@code tracer} the one the static methods use, and shuts down the tracer it replaces
   * (flushing its processors). Spans already open stay with the tracer that started them.
   */
  public static void install(Tracer tracer) {
    if (tracer == null) {
      return;
    }
    Tracer previous;
    synchronized (Tracing.class) {
      previous = installed;
      installed = tracer;
      ShutdownHook.register();
    }
    if (previous != null && previous != tracer) {
      previous.shutdown();
    }
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Applies a configuration: installs a tracer built from it (enabled or not, sensitive data,
   * sampling, the processors of the configured exporters) with the clock in use, and shuts down the
   * one it replaces.
   */
  public static void configure(WeftConfig newConfig) {
    configure(newConfig, false);
  }

  /**
   * Applies a configuration as {@link #configure(WeftConfig)} does; with {@code
   * exportersInBackground}, builds the exporters on a thread of their own and returns before they
   * are ({@link Tracer.Builder#exportersInBackground}), as the java agent does at start-up.
   */
  public static void configure(WeftConfig newConfig, boolean exportersInBackground) {
    WeftLog.setLevel(WeftLog.Level.parse(newConfig.logLevel()));
    Tracer current = installed;
    Tracer.Builder builder = Tracer.builder().config(newConfig);
    if (exportersInBackground) {
      builder.exportersInBackground();
    }
    if (current != null) {
      builder.clock(current.clock());
    }
    install(builder.build());
    followExternalContext(newConfig);
  }

  /** Returns the configuration in use. */
  public static WeftConfig config() {
    return tracer().config();
  }

  /** Returns whether tracing is enabled: when false, every span and trace records nothing. */
  public static boolean isEnabled() {
    return tracer().isEnabled();
  }

  /**
   * Returns whether captured content (arguments, results, model input and output, error messages)
   * is recorded.
   */
  public static boolean includeSensitiveData() {
    return tracer().includeSensitiveData();
  }

  /** Switches tracing off: from now on no trace or span is recorded. */
  public static void disable() {
    tracer().disable();
  }

  /** Switches tracing back on after {@link #disable()}. */
  public static void enable() {
    tracer().enable();
  }

  /** Replaces every processor by {@code newProcessors}, in calling order. */
  public static void setProcessors(TracingProcessor... newProcessors) {
    tracer().setProcessors(List.of(newProcessors));
  }

  /** Adds a processor after those in use. */
  public static void addProcessor(TracingProcessor processor) {
    tracer().addProcessor(processor);
  }

  /** Returns the processors in use, in calling order. */
  public static List<TracingProcessor> processors() {
    return tracer().processors();
  }

  /** Sets the clock of traces and spans started from now on; for tests and replays. */
  public static void setClock(Clock newClock) {
    tracer().setClock(newClock);
  }

  /** Exports everything finished so far through every processor. */
  public static void forceFlush() {
    tracer().forceFlush();
  }

  /**
   * Flushes and shuts down every processor, then disables tracing; called at JVM exit by a shutdown
   * hook, so applications rarely need it.
   */
  public static void shutdown() {
    Tracer tracer = installed;
    if (tracer != null) {
      tracer.shutdown();
    }
  }

  // ---------------------------------------------------------------- traces

  /** Returns a builder for a trace of the given workflow. */
  public static TraceBuilder trace(String workflowName) {
    return tracer().trace(workflowName);
  }

  /** Starts a trace of the given workflow, current on this thread until closed. */
  public static Trace startTrace(String workflowName) {
    return tracer().trace(workflowName).start();
  }

  /**
   * Starts a trace that continues one of another process, from its W3C {@code traceparent} header:
   * the same trace id, with the caller's span as parent of this trace's top spans, kept or left out
   * as the caller decided. A missing or malformed header starts a new trace (and says so at debug
   * level).
   */
  public static Trace continueTrace(String traceparent, String workflowName) {
    return tracer().trace(workflowName).parent(traceparent).start();
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
      if (current instanceof TraceImpl trace && trace.remoteParentId() != null) {
        return Traceparent.format(trace.traceId(), trace.remoteParentId(), trace.sampled);
      }
    } catch (RuntimeException e) {
      WeftLog.warnRateLimited("traceparent", "making a traceparent header failed", e);
    }
    return null;
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
    return tracer().startSpan(data);
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

  // ---------------------------------------------------------------- the installed tracer

  private static Tracer defaultTracer() {
    synchronized (Tracing.class) {
      Tracer tracer = installed;
      if (tracer == null) {
        try {
          tracer = Tracer.fromConfig(WeftConfig.load(null));
          WeftLog.setLevel(WeftLog.Level.parse(tracer.config().logLevel()));
        } catch (Throwable t) {
          WeftLog.error("configuring tracing failed; tracing is disabled", t);
          tracer = Tracer.disabled(WeftConfig.defaults(), Clock.system());
        }
        installed = tracer;
        ShutdownHook.register();
        followExternalContext(tracer.config());
      }
      return tracer;
    }
  }

  /**
   * Looks for OpenTelemetry (or another tracing system with a bridge on the class path) when the
   * runtime is on the application's class path; under the java agent the runtime's loader sees no
   * bridge, and the agent installs one itself. Switched off by {@code
   * weft.instrumentation.opentelemetry.enabled=false}.
   */
  private static void followExternalContext(WeftConfig config) {
    ClassLoader loader = Tracing.class.getClassLoader();
    if (loader != null
        && !config.disabled()
        && config.getBoolean(
            "weft.instrumentation.opentelemetry.enabled",
            config.getBoolean("weft.instrumentation.default-enabled", true))) {
      ExternalContexts.discover(loader);
    }
  }

  /**
   * Flushes the installed tracer at JVM exit: as long as the batch processors keep exporting, up to
   * a minute, and no more than five seconds past the last export.
   */
  private static final class ShutdownHook {
    static {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHook::run, "weft-shutdown"));
      } catch (IllegalStateException | SecurityException e) {
        WeftLog.debug("no shutdown hook: " + e);
      }
    }

    private ShutdownHook() {}

    /** Registers the hook, once: the class initialiser does it. */
    static void register() {}

    private static void run() {
      Tracer tracer = installed;
      List<TracingProcessor> processors = tracer != null ? tracer.processors() : List.of();
      Thread worker = new Thread(Tracing::shutdown, "weft-shutdown-flush");
      worker.setDaemon(true);
      worker.start();
      long giveUp = System.nanoTime() + BatchTraceProcessor.MAX_DRAIN_WAIT.toNanos();
      try {
        long seen;
        do {
          seen = exports(processors);
          worker.join(5_000);
        } while (worker.isAlive() && exports(processors) != seen && System.nanoTime() - giveUp < 0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (worker.isAlive()) {
        WeftLog.warn("exporting at exit made no progress for 5 s; the rest is dropped");
      }
    }

    private static long exports(List<TracingProcessor> processors) {
      long exports = 0;
      for (TracingProcessor processor : processors) {
        if (processor instanceof BatchTraceProcessor batch) {
          exports += batch.exportCount();
        }
      }
      return exports;
    }
  }
}
