package dev.weft;

import dev.weft.capture.ValueRenderer;
import dev.weft.config.WeftConfig;
import dev.weft.data.SpanData;
import dev.weft.export.Exporters;
import dev.weft.internal.ExternalContext;
import dev.weft.internal.ExternalContexts;
import dev.weft.internal.Ids;
import dev.weft.internal.TraceStartGate;
import dev.weft.internal.WeftLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One tracer: its configuration, processors, sampler and clock, and the traces and spans it starts.
 * {@link Tracing} is a static facade over the tracer installed in the JVM; tests and tools build
 * tracers of their own with {@link #builder()} and install them, or use them directly.
 *
 * <p>The current trace and span of a thread are shared by all tracers, so a span started by one
 * nests under a span of another. Every method is safe to call from any thread and never throws into
 * the caller.
 */
public final class Tracer {
  private final Object lock = new Object();
  private final WeftConfig config;
  private volatile TracerState state;
  private volatile List<TracingProcessor> processors;
  private volatile ValueRenderer renderer;
  private boolean shutDown;

  private Tracer(WeftConfig config, TracerState state, List<TracingProcessor> processors) {
    this.config = config;
    this.state = state;
    this.processors = processors;
  }

  /** Returns a builder of a tracer; with nothing set it is enabled and has no processor. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a tracer configured by {@code config}: enabled or not, sensitive data, sampling, and
   * the processors of the configured exporters.
   */
  public static Tracer fromConfig(WeftConfig config) {
    return builder().config(config).build();
  }

  /** Returns a tracer that records nothing, for when configuration itself failed. */
  static Tracer disabled(WeftConfig config, Clock clock) {
    return new Tracer(
        config,
        new TracerState(false, false, 1.0, null, MultiTracingProcessor.NOOP, clock),
        List.of());
  }

  // ---------------------------------------------------------------- settings

  /** Returns the settings read on every span; for the runtime and its tests. */
  TracerState state() {
    return state;
  }

  /** Returns the configuration the tracer was built from. */
  public WeftConfig config() {
    return config;
  }

  /**
   * Returns the renderer of captured values for this tracer's configuration ({@code
   * weft.capture.max-chars}, {@code weft.capture.tostring-timeout-ms}, {@code
   * weft.redact.patterns}), made on first use.
   */
  public ValueRenderer valueRenderer() {
    ValueRenderer current = renderer;
    if (current == null) {
      try {
        current =
            ValueRenderer.create(
                config.captureMaxChars(),
                config.redactPatterns(),
                Duration.ofMillis(config.captureToStringTimeoutMillis()));
      } catch (RuntimeException e) {
        WeftLog.warnRateLimited("renderer", "capture settings could not be applied", e);
        current = ValueRenderer.defaults();
      }
      renderer = current;
    }
    return current;
  }

  /** Returns the clock of traces and spans started from now on. */
  public Clock clock() {
    return state.clock;
  }

  /** Returns whether tracing is enabled: when false, every span and trace records nothing. */
  public boolean isEnabled() {
    return state.enabled;
  }

  /** Returns whether captured content is recorded. */
  public boolean includeSensitiveData() {
    return state.includeSensitiveData;
  }

  /** Switches this tracer off: from now on it records no trace or span. */
  public void disable() {
    synchronized (lock) {
      state = state.withEnabled(false);
    }
  }

  /** Switches this tracer back on after {@link #disable()}. */
  public void enable() {
    synchronized (lock) {
      state = state.withEnabled(true);
    }
  }

  /** Replaces every processor by {@code newProcessors}, in calling order. */
  public void setProcessors(List<TracingProcessor> newProcessors) {
    synchronized (lock) {
      processors = List.copyOf(newProcessors);
      state = state.withProcessor(MultiTracingProcessor.of(processors));
    }
  }

  /** Adds a processor after those in use. */
  public void addProcessor(TracingProcessor processor) {
    synchronized (lock) {
      List<TracingProcessor> list = new ArrayList<>(processors);
      list.add(processor);
      processors = List.copyOf(list);
      state = state.withProcessor(MultiTracingProcessor.of(processors));
    }
  }

  /**
   * Returns the processors in use, in calling order. While the configured exporters are being built
   * ({@link Builder#exportersInBackground}), waits until they are.
   */
  public List<TracingProcessor> processors() {
    List<TracingProcessor> list = processors;
    for (TracingProcessor processor : list) {
      if (processor instanceof PendingExporters pending) {
        pending.target();
        return processors;
      }
    }
    return list;
  }

  /** Puts the exporters' processors, once built, where their stand-in is. */
  void replace(PendingExporters pending, List<TracingProcessor> built) {
    synchronized (lock) {
      if (processors.contains(pending)) {
        List<TracingProcessor> list = new ArrayList<>(processors.size() + built.size());
        for (TracingProcessor processor : processors) {
          if (processor == pending) {
            list.addAll(built);
          } else {
            list.add(processor);
          }
        }
        processors = List.copyOf(list);
        if (!shutDown) {
          state = state.withProcessor(MultiTracingProcessor.of(processors));
        }
        return;
      }
    }
    // Replaced in the meantime (setProcessors): these exporters are not wanted.
    MultiTracingProcessor.of(built).shutdown();
  }

  /** Sets the clock of traces and spans started from now on; for tests and replays. */
  public void setClock(Clock clock) {
    synchronized (lock) {
      state = state.withClock(clock);
    }
  }

  /** Exports everything finished so far through every processor. */
  public void forceFlush() {
    state.processor.forceFlush();
  }

  /** Flushes and shuts down every processor, once, then records nothing more. */
  public void shutdown() {
    TracingProcessor processor;
    synchronized (lock) {
      if (shutDown) {
        return;
      }
      shutDown = true;
      processor = state.processor;
      state = state.withEnabled(false);
    }
    processor.shutdown();
  }

  // ---------------------------------------------------------------- traces and spans

  /** Returns a builder for a trace of the given workflow, started by this tracer. */
  public TraceBuilder trace(String workflowName) {
    return new TraceBuilder(this, workflowName);
  }

  /**
   * Starts a span with the given data under the current span (or trace), current on this thread
   * until closed. With no trace current, an implicit trace named after this span starts and ends
   * with it.
   */
  public Span startSpan(SpanData data) {
    TracerState s = state;
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

  Trace startTrace(
      String workflowName,
      String groupId,
      Map<String, Object> metadata,
      String traceId,
      Map<String, String> exportSettings,
      Traceparent remote) {
    TracerState s = state;
    if (!s.enabled) {
      return NoopTrace.INSTANCE;
    }
    try {
      String id = traceId;
      if (id != null && !Ids.isValid(id, "trace_", 32)) {
        WeftLog.warn("trace id " + id + " is not trace_ + 32 lowercase hex; using a new id");
        id = null;
      }
      Object previous = ContextStorage.get();
      TraceStartGate.pass();
      if (remote == null && id == null && previous == null) {
        remote = externalParent();
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
        record = TraceRecord.started(id, workflowName, groupId, metadata, now, exportSettings);
      }
      TraceImpl trace =
          remote == null
              ? new TraceImpl(s, record, s.sample(), previous)
              : new TraceImpl(
                  s, record.continuing(remote.parentSpanId()), remote.sampled(), previous);
      ContextStorage.set(trace);
      trace.reportStart();
      return trace;
    } catch (Throwable t) {
      WeftLog.warnRateLimited("trace-start", "starting a trace failed", t);
      return NoopTrace.INSTANCE;
    }
  }

  private static TraceImpl implicitTrace(
      TracerState s, SpanData data, Object previous, long nowMicros) {
    TraceStartGate.pass();
    String name = s.implicitTraceName != null ? s.implicitTraceName : data.displayName();
    Traceparent remote = previous == null ? externalParent() : null;
    TraceImpl trace;
    if (remote == null) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      TraceRecord record =
          TraceRecord.started(
              random.nextLong(), random.nextLong(), name, null, null, nowMicros, null);
      trace = new TraceImpl(s, record, s.sample(), previous);
    } else {
      TraceRecord record =
          TraceRecord.started(remote.traceId(), name, null, null, nowMicros, null)
              .continuing(remote.parentSpanId());
      trace = new TraceImpl(s, record, remote.sampled(), previous);
    }
    trace.reportStart();
    return trace;
  }

  /**
   * Returns the span current in OpenTelemetry (or another installed external context) for a trace
   * that starts with nothing of Weft current: the trace joins it, taking its trace id, its parent
   * and its sampling decision. Null when none is installed or no span is current there.
   */
  private static Traceparent externalParent() {
    ExternalContext external = ExternalContexts.installed();
    return external == null ? null : ExternalScopes.joinable(external);
  }

  /** Builds a {@link Tracer}. */
  public static final class Builder {
    private WeftConfig config;
    private List<TracingProcessor> processors;
    private Double samplerRatio;
    private Clock clock = Clock.system();
    private boolean exportersInBackground;

    private Builder() {}

    /**
     * Sets the configuration: enabled or not, sensitive data, sampling, the implicit trace name,
     * and, unless {@link #processors} is called, the processors of its exporters. Default: every
     * key at its default, with no exporter.
     */
    public Builder config(WeftConfig value) {
      this.config = value;
      return this;
    }

    /** Sets the processors, in calling order, instead of those of the configured exporters. */
    public Builder processors(TracingProcessor... value) {
      this.processors = List.of(value);
      return this;
    }

    /** Sets the share of traces kept, from 0.0 to 1.0, instead of {@code weft.sampler.ratio}. */
    public Builder samplerRatio(double value) {
      this.samplerRatio = Math.max(0.0, Math.min(1.0, value));
      return this;
    }

    /** Sets the clock of traces and spans; the system clock by default. */
    public Builder clock(Clock value) {
      this.clock = value == null ? Clock.system() : value;
      return this;
    }

    /**
     * Builds the configured exporters on a thread of their own ({@code weft-exporters}) rather than
     * in {@link #build}, which then returns at once: finding and starting them takes tens of
     * milliseconds of a start-up. What the tracer records before they are built waits for them, for
     * at most 5 s. Has no effect with {@link #processors}.
     */
    public Builder exportersInBackground() {
      this.exportersInBackground = true;
      return this;
    }

    /** Returns the tracer. Never throws: a failing exporter is logged and left out. */
    public Tracer build() {
      WeftConfig c = config != null ? config : WeftConfig.defaults();
      List<TracingProcessor> chosen = processors;
      PendingExporters pending = null;
      if (chosen == null) {
        if (config == null || c.disabled()) {
          chosen = List.of();
        } else if (exportersInBackground) {
          pending = new PendingExporters();
          chosen = List.of(pending);
        } else {
          chosen = Exporters.processorsFor(c);
        }
      }
      String implicitName = c.get("weft.implicit-trace-name");
      TracerState state =
          new TracerState(
              !c.disabled(),
              c.includeSensitiveData(),
              samplerRatio != null ? samplerRatio : c.samplerRatio(),
              implicitName == null || implicitName.isBlank() ? null : implicitName,
              MultiTracingProcessor.of(chosen),
              clock,
              c.getBoolean("weft.sampler.keep-errors", false));
      Tracer tracer = new Tracer(c, state, List.copyOf(chosen));
      if (pending != null) {
        pending.start(c, tracer);
      }
      return tracer;
    }
  }
}
