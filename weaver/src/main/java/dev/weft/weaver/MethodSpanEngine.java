package dev.weft.weaver;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.TraceBuilder;
import dev.weft.Tracing;
import dev.weft.TracingContext;
import dev.weft.capture.ValueRenderer;
import dev.weft.data.SpanError;
import dev.weft.internal.WeftLog;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Turns one call of a traced method into a span: the engine every weaving route (java agent,
 * AspectJ) calls, so a method traces the same whichever route wove it.
 *
 * <pre>{@code
 * MethodDescriptor d = MethodSpanEngine.descriptorFor(method);     // once per method
 * Object call = MethodSpanEngine.enter(d, MethodSpanEngine.needsArguments(d) ? args : null);
 * Object result;
 * try {
 *   result = proceed();
 * } catch (Throwable t) {
 *   MethodSpanEngine.exit(d, call, null, t);
 *   throw t;                                                      // the very same exception
 * }
 * return MethodSpanEngine.exit(d, call, result, null);            // result, or a wrapped Mono/Flux
 * }</pre>
 *
 * <p>{@code enter} opens the span (or, for a {@code @Workflow} with no trace current, starts a
 * trace) and makes it current; {@code exit} records the result or exception and ends it, or, for a
 * {@code CompletionStage} or Reactor result, releases it from the thread and ends it when the
 * result completes. Neither ever throws, and the application's result and exception pass through
 * unchanged.
 *
 * <p>A method woven by the java agent and by another route yields one span: the other route's
 * {@code enter} returns null for it.
 */
public final class MethodSpanEngine {
  private static final List<String> SPAN_ANNOTATION_NAMES;

  static {
    SpanKind[] kinds = SpanKind.values();
    String[] names = new String[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      names[i] = kinds[i].annotationName;
    }
    SPAN_ANNOTATION_NAMES = List.of(names);
  }

  private static final ClassValue<Map<Method, MethodDescriptor>> DESCRIPTORS =
      new ClassValue<>() {
        @Override
        protected Map<Method, MethodDescriptor> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private MethodSpanEngine() {}

  /** Returns the binary names of the method annotations that make a method a span. */
  public static List<String> spanAnnotationNames() {
    return SPAN_ANNOTATION_NAMES;
  }

  /**
   * Returns the descriptor of {@code method}, worked out on first use and cached for the life of
   * its class. Parameter names come from {@code -parameters} when compiled in, else {@code arg0}...
   */
  public static MethodDescriptor descriptorFor(Method method) {
    return descriptorFor(method, null);
  }

  /**
   * Returns the descriptor of {@code method}, worked out on first use and cached for the life of
   * its class.
   *
   * @param parameterNames names from debug information, used when the class was compiled without
   *     {@code -parameters}; null when unknown. Only the first call for a method uses them.
   */
  public static MethodDescriptor descriptorFor(Method method, String[] parameterNames) {
    Map<Method, MethodDescriptor> cache = DESCRIPTORS.get(method.getDeclaringClass());
    MethodDescriptor descriptor = cache.get(method);
    if (descriptor != null) {
      return descriptor;
    }
    try {
      descriptor = DescriptorFactory.create(method, parameterNames);
    } catch (RuntimeException | LinkageError e) {
      WeftLog.debug("reading the span annotations of " + method + " failed: " + e);
      DescriptorFactory.Parts parts = new DescriptorFactory.Parts();
      parts.name = method.getName();
      parts.parameterNames = new String[0];
      parts.sensitive = new boolean[0];
      parts.methodKey = method.getDeclaringClass().getName() + '#' + method.getName();
      descriptor = new MethodDescriptor(parts);
    }
    MethodDescriptor raced = cache.putIfAbsent(method, descriptor);
    return raced != null ? raced : descriptor;
  }

  /**
   * Opens the span of one call and makes it current, unless tracing is disabled or the java agent
   * weaves this method too (then the agent's span is the one).
   *
   * @param descriptor the method's descriptor
   * @param args the call's arguments, or null when none are needed ({@link #needsArguments})
   * @return the call handle to pass to {@link #exit}, or null when nothing was opened
   */
  public static Object enter(MethodDescriptor descriptor, Object[] args) {
    if (descriptor.wovenByAgent()) {
      return null;
    }
    return open(descriptor, args);
  }

  /**
   * Returns whether {@link #enter} needs the call's arguments: false lets a caller skip building
   * the argument array when nothing is captured (no parameters, capture switched off, or sensitive
   * data excluded).
   */
  public static boolean needsArguments(MethodDescriptor descriptor) {
    return descriptor.needsArguments(Tracing.includeSensitiveData());
  }

  /**
   * Records the outcome of a call and ends its span, or arranges for the span to end when an
   * asynchronous result completes. Never throws.
   *
   * @param descriptor the method's descriptor
   * @param call the handle {@link #enter} returned; null does nothing
   * @param result the returned value, or null (void, or thrown)
   * @param thrown the exception the method threw, or null
   * @return what the method should return: {@code result} itself, except a Reactor {@code Mono} or
   *     {@code Flux}, a {@code Stream} or {@code Iterator}, which is returned wrapped so that its
   *     span ends when it terminates, and a {@code CompletableFuture} or {@code CompletionStage}
   *     result of a method declared to return one of those two types, for which a dependent future
   *     is returned that completes only after the span has ended
   */
  public static Object exit(
      MethodDescriptor descriptor, Object call, Object result, Throwable thrown) {
    if (call == null) {
      return result;
    }
    try {
      if (thrown == null && result != null) {
        if (result instanceof CompletionStage<?> stage) {
          release(call);
          BiConsumer<Object, Throwable> end =
              (value, error) -> finish(descriptor, call, value, error, false);
          if (descriptor.stageReturn) {
            Object dependent = AsyncResults.completedAfter(stage, end);
            if (dependent != null) {
              return dependent;
            }
          }
          if (AsyncResults.whenComplete(stage, end)) {
            return result;
          }
        } else if (descriptor.sequenceReturn) {
          SequenceResults.State state = follow(descriptor, call, null);
          Object followed = followSequence(result, state);
          if (followed != null) {
            endWithTrace(call, state);
            release(call);
            return followed;
          }
        } else if (descriptor.reactiveReturn) {
          AtomicReference<Object> last = new AtomicReference<>();
          SequenceResults.State state = follow(descriptor, call, last);
          Object wrapped =
              AsyncResults.onTermination(
                  result,
                  item -> {
                    last.set(item);
                    state.counted();
                  },
                  state::finish);
          if (wrapped != null) {
            endWithTrace(call, state);
            release(call);
            Object inside =
                call instanceof Span span
                    ? AsyncResults.within(wrapped, TracingContext.of(span))
                    : null;
            return inside != null ? inside : wrapped;
          }
        }
      }
      finish(descriptor, call, result, thrown, true);
    } catch (Throwable t) {
      WeftLog.warnRateLimited("engine-exit", "ending a method span failed", t);
    }
    return result;
  }

  /**
   * Returns how a result followed after the call ends the call's span: with its value (when {@code
   * value} is given), the number of items as the span's {@code items} metadata, and {@code
   * abandoned} metadata when its trace ended first.
   */
  private static SequenceResults.State follow(
      MethodDescriptor d, Object call, AtomicReference<Object> value) {
    return new SequenceResults.State(
        (items, failure, abandoned) -> {
          if (call instanceof Span span) {
            span.setMetadata("items", items);
            if (abandoned) {
              span.setMetadata("abandoned", true);
            }
          }
          finish(d, call, value == null ? null : value.get(), failure, false);
        });
  }

  /**
   * Returns a stream, iterator or publisher that ends the call's span through {@code state} when
   * its items are exhausted, it is closed, cancelled or fails; null when {@code result} is none of
   * those.
   */
  @SuppressWarnings("unchecked")
  private static Object followSequence(Object result, SequenceResults.State state) {
    if (result instanceof java.util.stream.Stream<?> stream) {
      return SequenceResults.stream(stream, state);
    }
    if (result instanceof java.util.Iterator<?> iterator) {
      return SequenceResults.iterator(iterator, state);
    }
    if (result instanceof java.util.concurrent.Flow.Publisher<?> publisher) {
      return SequenceResults.publisher(
          (java.util.concurrent.Flow.Publisher<Object>) publisher, state);
    }
    return null;
  }

  /**
   * Ends a followed result's span when the trace ends, if nobody has read the result to its end by
   * then: a span never stays open after its trace. A workflow's own result keeps its trace open.
   */
  private static void endWithTrace(Object call, SequenceResults.State state) {
    if (call instanceof Span) {
      Trace trace = Tracing.currentTrace();
      if (trace != null) {
        trace.beforeEnd(state::abandon);
      }
    }
  }

  /** Opens a call's span; the java agent's entry point, which skips the double-weaving check. */
  static Object open(MethodDescriptor d, Object[] args) {
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      Trace current = Tracing.currentTrace();
      if (d.kind == SpanKind.WORKFLOW && current == null) {
        return startWorkflow(d, args);
      }
      // A span of a trace that is not kept records nothing: render nothing for it.
      boolean capture =
          Tracing.includeSensitiveData() && (current == null || current.isRecording());
      ValueRenderer values = capture ? renderer() : null;
      Span span = Tracing.startSpan(SpanContent.atEnter(d, args, capture, values));
      if (capture && d.attributeKeys != null && args != null && span.isRecording()) {
        for (int i = 0; i < args.length; i++) {
          String key = d.attributeKeys[i];
          if (key != null) {
            span.setMetadata(key, capturedValue(d, i, args[i], values));
          }
        }
      }
      return span;
    } catch (Throwable t) {
      WeftLog.warnRateLimited("engine-enter", "starting a method span failed", t);
      return null;
    }
  }

  private static Object startWorkflow(MethodDescriptor d, Object[] args) {
    TracingContext before = TracingContext.current();
    TraceBuilder builder = Tracing.trace(d.name);
    String groupId = d.workflowGroupId;
    if (args != null && d.groupIdIndex >= 0 && args[d.groupIdIndex] != null) {
      groupId = String.valueOf(args[d.groupIdIndex]);
    }
    builder.groupId(groupId);
    // Trace metadata is kept whether or not sensitive data is (a @Sensitive value is redacted).
    if (d.traceMetadataKeys != null && args != null) {
      ValueRenderer values = renderer();
      for (int i = 0; i < args.length; i++) {
        String key = d.traceMetadataKeys[i];
        if (key != null) {
          builder.metadata(key, capturedValue(d, i, args[i], values));
        }
      }
    }
    return new WorkflowCall(builder.start(), before);
  }

  private static Object capturedValue(
      MethodDescriptor d, int index, Object value, ValueRenderer r) {
    return d.sensitive[index] ? ValueRenderer.REDACTED : r.render(value);
  }

  /** Takes the call's span or trace off this thread without ending it, for asynchronous results. */
  private static void release(Object call) {
    if (call instanceof Span span) {
      span.releaseScope();
    } else if (call instanceof WorkflowCall workflow) {
      workflow.before.makeCurrent();
    }
  }

  private static void finish(
      MethodDescriptor d, Object call, Object result, Throwable thrown, boolean onCallingThread) {
    if (call instanceof Span span) {
      try {
        if (span.isRecording()) {
          boolean capture = Tracing.includeSensitiveData();
          SpanContent.atExit(d, span, result, thrown, capture, capture ? renderer() : null);
        }
      } catch (Throwable t) {
        WeftLog.warnRateLimited("engine-fill", "recording a method result failed", t);
      }
      if (onCallingThread) {
        if (thrown != null) {
          unwindInto(span, null, thrown);
        }
        span.close();
      } else {
        span.end();
      }
    } else if (call instanceof WorkflowCall workflow) {
      if (onCallingThread) {
        if (thrown != null) {
          unwindInto(null, workflow.trace, thrown);
        }
        workflow.trace.close();
      } else {
        workflow.trace.end();
      }
    }
  }

  /**
   * Ends the spans still current inside a call that an exception left: the methods between the
   * throw and this call exited without their exit advice running (a {@code StackOverflowError}
   * leaves no stack for it), so their spans are still open and current. The exception has unwound
   * their frames, and Weft's context unwinds as far: each is ended, innermost first, with the
   * exception's type as its error. Stops at {@code span} (or, for a workflow, at the top of {@code
   * trace}); does nothing when the span current is not inside it.
   */
  private static void unwindInto(Span span, Trace trace, Throwable thrown) {
    try {
      Span current = Tracing.currentSpan();
      if (current == null || current == span) {
        return;
      }
      java.util.List<Span> orphans = new java.util.ArrayList<>();
      for (Span s = current; s != span; s = s.parent()) {
        if (s == null) {
          if (span != null) {
            return; // not inside the call's span: leave the context as it is
          }
          break;
        }
        orphans.add(s);
      }
      if (trace != null && !current.traceId().equals(trace.traceId())) {
        return;
      }
      SpanError error = SpanError.of("exited by " + thrown.getClass().getName());
      for (Span orphan : orphans) {
        if (Tracing.currentSpan() != orphan) {
          return;
        }
        if (orphan.error() == null) {
          orphan.setError(error);
        }
        orphan.close();
      }
    } catch (Throwable t) {
      WeftLog.warnRateLimited("engine-unwind", "unwinding spans an exception left open failed", t);
    }
  }

  private static ValueRenderer renderer() {
    return Tracing.tracer().valueRenderer();
  }

  /** A workflow call that started a trace: the trace, and the context to restore when released. */
  private record WorkflowCall(Trace trace, TracingContext before) {}
}
