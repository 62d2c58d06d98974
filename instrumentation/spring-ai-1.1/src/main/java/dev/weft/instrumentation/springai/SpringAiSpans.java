package dev.weft.instrumentation.springai;

import dev.weft.Scope;
import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.TracingContext;
import dev.weft.data.AgentSpanData;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.SpanData;
import dev.weft.instrumentation.api.Completion;
import dev.weft.instrumentation.api.Reflect;
import dev.weft.instrumentation.api.WeakIdentityMap;
import dev.weft.internal.WeftLog;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Spring AI advice does, out of line. Every method is safe to call with anything: a
 * failure is logged once, rate-limited, and never reaches the application.
 *
 * <p>One span per model request: a provider's {@code call} runs its {@code internalCall}, and a
 * generation already open on the thread stands for both. Spring AI 1.1 runs the tool loop inside
 * the model call, so the request's span ends when the tool-calling manager takes the response, the
 * tools run beside it, and the follow-up request is a span of its own. Streams are followed across
 * threads through the stream itself: each span is current while its stream is subscribed, and ends
 * when the stream completes, fails or is cancelled.
 */
public final class SpringAiSpans {
  // The accessors read, each remembering the methods it found on the classes it met.
  private static final Reflect.Accessor GET_NAME = Reflect.accessor("getName");
  private static final Reflect.Accessor GET_OPTIONS = Reflect.accessor("getOptions");
  private static final Reflect.Accessor GET_TOOL_DEFINITION = Reflect.accessor("getToolDefinition");
  private static final Reflect.Accessor NAME = Reflect.accessor("name");
  private static final Reflect.Accessor PROMPT = Reflect.accessor("prompt");

  /** Advisors that are the chat client's own machinery: their work is the spans inside. */
  private static final Set<String> MACHINERY =
      Set.of(
          "ChatModelCallAdvisor",
          "ChatModelStreamAdvisor",
          "ToolCallingAdvisor",
          "ToolCallAdvisor");

  /** Tool callbacks already running on this thread: a callback calling its other form is one. */
  private static final ThreadLocal<int[]> TOOL_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** Chat client calls already running on this thread (2.0's overload calls the other). */
  private static final ThreadLocal<int[]> CLIENT_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** The generation of a streamed request, by the prompt the tool-calling manager is given. */
  private static final WeakIdentityMap<Span> STREAMED_PROMPTS = new WeakIdentityMap<>();

  /** Where the follow-up request of a streamed tool loop belongs, by the response it follows. */
  private static final WeakIdentityMap<Span> FOLLOW_UPS = new WeakIdentityMap<>();

  private SpringAiSpans() {}

  // ---------------------------------------------------------------- chat client

  /** Starts the agent span of a chat client call or stream. */
  public static Object clientStart(Object spec, Object request) {
    int[] depth = CLIENT_DEPTH.get();
    if (depth[0] > 0) {
      depth[0]++;
      return Nested.INSTANCE;
    }
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      depth[0]++;
      Object options = GET_OPTIONS.call(PROMPT.call(request));
      return Open.start(
          new AgentSpanData(clientName(spec), List.of(), SpringAiValues.toolNames(options), null),
          null,
          Kind.CLIENT);
    } catch (Throwable t) {
      failed("chat-client", t);
      return null;
    }
  }

  /** Ends the agent span of a chat client call. */
  public static void clientEnd(Object state, Object result, Throwable thrown) {
    if (state == Nested.INSTANCE) {
      CLIENT_DEPTH.get()[0]--;
      return;
    }
    if (state instanceof Open open) {
      CLIENT_DEPTH.get()[0]--;
      if (thrown != null) {
        open.span.recordException(unwrap(thrown));
      }
      open.close();
    }
  }

  private static String clientName(Object spec) {
    Object convention = Reflect.field(spec, "observationConvention");
    if (convention != null
        && !convention
            .getClass()
            .getSimpleName()
            .equals("DefaultChatClientObservationConvention")) {
      String name = GET_NAME.text(convention);
      if (name != null && !name.isBlank()) {
        return name;
      }
    }
    return "ChatClient";
  }

  // ---------------------------------------------------------------- advisors

  /**
   * Starts the span of the advisor the chain runs next ({@code custom}, or {@code guardrail} for a
   * guard), or null for the client's own machinery.
   */
  public static Object advisorStart(Object chain, String dequeField) {
    try {
      if (!Tracing.isEnabled()
          || !(Reflect.field(chain, dequeField) instanceof java.util.Deque<?> advisors)) {
        return null;
      }
      Object advisor = advisors.peekFirst();
      if (advisor == null || MACHINERY.contains(advisor.getClass().getSimpleName())) {
        return null;
      }
      String name = GET_NAME.text(advisor);
      if (name == null || name.isBlank()) {
        name = advisor.getClass().getSimpleName();
      }
      boolean guard =
          advisor.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).contains("guard");
      SpanData data =
          guard
              ? new GuardrailSpanData(name, false)
              : new CustomSpanData(name, Map.of("advisor", advisor.getClass().getName()));
      Open open = Open.start(data, null, guard ? Kind.GUARD : Kind.ADVISOR);
      if (open != null) {
        open.advisors = advisors;
        open.remaining = advisors.size();
      }
      return open;
    } catch (Throwable t) {
      failed("advisor", t);
      return null;
    }
  }

  /** Ends the span of an advisor's call. */
  public static void advisorEnd(Object state, Throwable thrown) {
    if (state instanceof Open open) {
      if (thrown != null) {
        open.span.recordException(unwrap(thrown));
      }
      open.close();
    }
  }

  // ---------------------------------------------------------------- model requests

  /**
   * Starts the generation span of a model request, unless a generation open on this thread already
   * stands for it. {@code previous} is the response a tool loop's follow-up request follows.
   */
  public static Object generationStart(Object model, Object prompt, Object previous) {
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      Span current = Tracing.currentSpan();
      if (current != null
          && current.data() instanceof GenerationSpanData
          && current.endedAtMicros() == 0) {
        // The provider's call running its own per-request method, or a layer above (a user's
        // @GenerationSpan) that describes this request already.
        if (prompt != null) {
          STREAMED_PROMPTS.put(prompt, current);
        }
        return null;
      }
      Span parent = previous == null ? null : FOLLOW_UPS.remove(previous);
      Open open = Open.start(SpringAiValues.generation(model, prompt), parent, Kind.GENERATION);
      if (open != null && prompt != null) {
        STREAMED_PROMPTS.put(prompt, open.span);
      }
      return open;
    } catch (Throwable t) {
      failed("generation", t);
      return null;
    }
  }

  /** Ends the generation span of a model request with its response or failure. */
  public static void generationEnd(Object state, Object response, Throwable thrown) {
    if (!(state instanceof Open open)) {
      return;
    }
    try {
      if (open.span.endedAtMicros() == 0) {
        if (thrown != null) {
          open.span.recordException(unwrap(thrown));
        } else {
          SpringAiValues.recordResponse(open.span, response);
        }
      }
    } catch (Throwable t) {
      failed("generation-end", t);
    }
    open.close();
  }

  /**
   * Follows a stream a span's method returned: the span ends when the stream does, and is current
   * while the stream is subscribed. Returns the stream to hand to the caller.
   */
  public static Object streamReturned(Object state, Object flux, Throwable thrown) {
    if (state == Nested.INSTANCE) {
      CLIENT_DEPTH.get()[0]--;
      return flux;
    }
    if (!(state instanceof Open open)) {
      return flux;
    }
    if (open.kind == Kind.CLIENT) {
      CLIENT_DEPTH.get()[0]--;
    }
    try {
      if (thrown != null || flux == null) {
        if (thrown != null) {
          open.span.recordException(unwrap(thrown));
        }
        open.close();
        return flux;
      }
      StreamEnd end = new StreamEnd(open);
      Object watched = Completion.watchPublisher(flux, end);
      if (watched == null) {
        open.close();
        return flux;
      }
      Object result = Completion.subscribedWithin(watched, TracingContext.of(open.span));
      open.releaseScope();
      return result;
    } catch (Throwable t) {
      failed("stream", t);
      open.close();
      return flux;
    }
  }

  // ---------------------------------------------------------------- tools

  /**
   * The tool-calling manager took a response's tool calls: the request that answered them is over,
   * and the tools run beside it, under the span around the request. Returns the scope to close when
   * the tools have run.
   */
  public static Object toolCallsStart(Object prompt, Object response) {
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      Span generation = null;
      Span current = Tracing.currentSpan();
      if (current != null && current.data() instanceof GenerationSpanData) {
        generation = current;
      } else if (prompt != null) {
        generation = STREAMED_PROMPTS.get(prompt);
      }
      if (generation == null) {
        return null;
      }
      if (generation.endedAtMicros() == 0) {
        SpringAiValues.recordResponse(generation, response);
        generation.end();
      }
      Span around = live(generation.parent());
      if (response != null && around != null) {
        FOLLOW_UPS.put(response, around);
      }
      return around == null ? null : TracingContext.of(around).makeCurrent();
    } catch (Throwable t) {
      failed("tool-calls", t);
      return null;
    }
  }

  /** Restores what was current before the tools ran. */
  public static void toolCallsEnd(Object scope) {
    if (scope instanceof Scope open) {
      open.close();
    }
  }

  /** Starts the function span of a tool callback, unless one is running for it on this thread. */
  public static Object toolStart(Object callback, Object input) {
    int[] depth = TOOL_DEPTH.get();
    depth[0]++;
    if (depth[0] > 1) {
      return null;
    }
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      String name = NAME.text(GET_TOOL_DEFINITION.call(callback));
      return Open.start(
          FunctionSpanData.of(
              name == null ? "tool" : name,
              SpringAiValues.text(input == null ? null : input.toString())),
          null,
          Kind.TOOL);
    } catch (Throwable t) {
      failed("tool", t);
      return null;
    }
  }

  /** Ends the function span of a tool callback with its result or failure. */
  public static void toolEnd(Object state, Object result, Throwable thrown) {
    TOOL_DEPTH.get()[0]--;
    if (!(state instanceof Open open)) {
      return;
    }
    try {
      if (thrown != null) {
        open.span.recordException(unwrap(thrown));
      } else if (open.span.data() instanceof FunctionSpanData function) {
        open.span.setData(
            function.withOutput(SpringAiValues.text(result == null ? null : result.toString())));
      }
    } catch (Throwable t) {
      failed("tool-end", t);
    }
    open.close();
  }

  // ---------------------------------------------------------------- helpers

  /** Returns the span itself, or its nearest enclosing span that has not ended. */
  static Span live(Span span) {
    Span s = span;
    while (s != null && s.endedAtMicros() != 0) {
      s = s.parent();
    }
    return s;
  }

  private static Throwable unwrap(Throwable thrown) {
    return thrown instanceof InvocationTargetException e && e.getCause() != null
        ? e.getCause()
        : thrown;
  }

  static void failed(String what, Throwable t) {
    WeftLog.warnRateLimited("spring-ai-" + what, "spring-ai tracing failed at " + what, t);
  }

  /** What a span stands for, which decides how its end is read. */
  enum Kind {
    CLIENT,
    ADVISOR,
    GUARD,
    GENERATION,
    TOOL
  }

  /** The state of a call whose span is not its own: another of the same call stands for it. */
  enum Nested {
    INSTANCE
  }

  /** A span this instrumentation opened, with the scope it opened it in. */
  static final class Open {
    final Span span;
    final Kind kind;
    private final Scope outer;
    Collection<?> advisors;
    int remaining;

    private Open(Span span, Kind kind, Scope outer) {
      this.span = span;
      this.kind = kind;
      this.outer = outer;
    }

    /**
     * Starts a span under {@code parent}, or under the current span; when that span has ended (a
     * request whose stream goes on), under its nearest enclosing span still open.
     */
    static Open start(SpanData data, Span parent, Kind kind) {
      Span current = Tracing.currentSpan();
      Span under = parent != null ? live(parent) : current == null ? null : live(current);
      Scope outer =
          under != null && under != current ? TracingContext.of(under).makeCurrent() : null;
      Span span = Tracing.startSpan(data);
      return new Open(span, kind, outer);
    }

    /** Whether a guard advisor answered itself: the advisors after it never ran. */
    boolean blocked() {
      return advisors != null && advisors.size() == remaining - 1;
    }

    void releaseScope() {
      span.releaseScope();
      if (outer != null) {
        outer.close();
      }
    }

    void close() {
      if (kind == Kind.GUARD && blocked()) {
        span.setData(new GuardrailSpanData(((GuardrailSpanData) span.data()).name(), true));
      }
      span.close();
      if (outer != null) {
        outer.close();
      }
    }
  }

  /** Ends a span with its stream, reading a model's streamed responses on the way. */
  private static final class StreamEnd implements Completion.Listener {
    private final Open open;
    private final SpringAiValues.StreamedResponse streamed;

    StreamEnd(Open open) {
      this.open = open;
      this.streamed = open.kind == Kind.GENERATION ? new SpringAiValues.StreamedResponse() : null;
    }

    @Override
    public void onItem(Object item) {
      if (streamed != null && open.span.endedAtMicros() == 0) {
        streamed.add(item);
      }
    }

    @Override
    public void onEnd(Throwable failure, boolean cancelled) {
      Span span = open.span;
      if (span.endedAtMicros() != 0) {
        return;
      }
      if (streamed != null) {
        streamed.recordOn(span);
      }
      if (failure != null) {
        span.recordException(failure);
      } else if (cancelled) {
        span.setMetadata("cancelled", true);
      }
      if (open.kind == Kind.GUARD && open.blocked()) {
        span.setData(new GuardrailSpanData(((GuardrailSpanData) span.data()).name(), true));
      }
      span.end();
    }
  }
}
