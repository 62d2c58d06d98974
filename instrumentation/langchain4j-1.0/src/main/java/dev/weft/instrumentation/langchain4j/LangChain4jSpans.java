package dev.weft.instrumentation.langchain4j;

import dev.weft.Scope;
import dev.weft.Span;
import dev.weft.Tracer;
import dev.weft.Tracing;
import dev.weft.TracingContext;
import dev.weft.data.AgentSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.Usage;
import dev.weft.instrumentation.api.Captured;
import dev.weft.instrumentation.api.Reflect;
import dev.weft.internal.WeftLog;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the LangChain4j advice does, out of line: starts and ends the spans of AI service calls,
 * agent invocations, model requests, tool executions, guardrail checks, handoffs and MCP calls,
 * reading LangChain4j's objects through their public accessors. Every method is safe to call with
 * anything: a failure is logged once, rate-limited, and never reaches the application.
 */
public final class LangChain4jSpans {
  // The accessors read, each remembering the methods it found on the classes it met.
  private static final Reflect.Accessor AGENT_ID = Reflect.accessor("agentId");
  private static final Reflect.Accessor AI_MESSAGE = Reflect.accessor("aiMessage");
  private static final Reflect.Accessor ARGUMENTS = Reflect.accessor("arguments");
  private static final Reflect.Accessor CACHED_CONTENT_TOKEN_COUNT =
      Reflect.accessor("cachedContentTokenCount");
  private static final Reflect.Accessor CACHED_TOKENS = Reflect.accessor("cachedTokens");
  private static final Reflect.Accessor CACHE_CREATION_INPUT_TOKENS =
      Reflect.accessor("cacheCreationInputTokens");
  private static final Reflect.Accessor CACHE_READ_INPUT_TOKENS =
      Reflect.accessor("cacheReadInputTokens");
  private static final Reflect.Accessor DEFAULT_REQUEST_PARAMETERS =
      Reflect.accessor("defaultRequestParameters");
  private static final Reflect.Accessor FAILURES = Reflect.accessor("failures");
  private static final Reflect.Accessor FINISH_REASON = Reflect.accessor("finishReason");
  private static final Reflect.Accessor GET_AGENT_NAME = Reflect.accessor("getAgentName");
  private static final Reflect.Accessor GET_NAME = Reflect.accessor("getName");
  private static final Reflect.Accessor GET_RESULT = Reflect.accessor("getResult");
  private static final Reflect.Accessor GET_SERVER_INFO = Reflect.accessor("getServerInfo");
  private static final Reflect.Accessor ID = Reflect.accessor("id");
  private static final Reflect.Accessor INPUT_TOKENS_DETAILS =
      Reflect.accessor("inputTokensDetails");
  private static final Reflect.Accessor INPUT_TOKEN_COUNT = Reflect.accessor("inputTokenCount");
  private static final Reflect.Accessor IS_ERROR = Reflect.accessor("isError");
  private static final Reflect.Accessor IS_REPROMPT = Reflect.accessor("isReprompt");
  private static final Reflect.Accessor IS_RETRY = Reflect.accessor("isRetry");
  private static final Reflect.Accessor IS_SUCCESS = Reflect.accessor("isSuccess");
  private static final Reflect.Accessor JSON_SCHEMA = Reflect.accessor("jsonSchema");
  private static final Reflect.Accessor KEY = Reflect.accessor("key");
  private static final Reflect.Accessor MESSAGE = Reflect.accessor("message");
  private static final Reflect.Accessor MESSAGES = Reflect.accessor("messages");
  private static final Reflect.Accessor METADATA = Reflect.accessor("metadata");
  private static final Reflect.Accessor MODEL_NAME = Reflect.accessor("modelName");
  private static final Reflect.Accessor NAME = Reflect.accessor("name");
  private static final Reflect.Accessor OUTPUT_TOKENS_DETAILS =
      Reflect.accessor("outputTokensDetails");
  private static final Reflect.Accessor OUTPUT_TOKEN_COUNT = Reflect.accessor("outputTokenCount");
  private static final Reflect.Accessor PARAMETERS = Reflect.accessor("parameters");
  private static final Reflect.Accessor REASONING_TOKENS = Reflect.accessor("reasoningTokens");
  private static final Reflect.Accessor RESULT_TEXT = Reflect.accessor("resultText");
  private static final Reflect.Accessor SERVER_INFO = Reflect.accessor("serverInfo");
  private static final Reflect.Accessor TEXT = Reflect.accessor("text");
  private static final Reflect.Accessor THOUGHTS_TOKEN_COUNT =
      Reflect.accessor("thoughtsTokenCount");
  private static final Reflect.Accessor TOKEN_USAGE = Reflect.accessor("tokenUsage");
  private static final Reflect.Accessor TOOL_SPECIFICATIONS =
      Reflect.accessor("toolSpecifications");
  private static final Reflect.Accessor TYPE = Reflect.accessor("type");
  private static final Reflect.Accessor VALUE = Reflect.accessor("value");

  // The request parameters read into model_config.
  private static final Reflect.Accessor FREQUENCY_PENALTY = Reflect.accessor("frequencyPenalty");
  private static final Reflect.Accessor MAX_OUTPUT_TOKENS = Reflect.accessor("maxOutputTokens");
  private static final Reflect.Accessor PRESENCE_PENALTY = Reflect.accessor("presencePenalty");
  private static final Reflect.Accessor RESPONSE_FORMAT = Reflect.accessor("responseFormat");
  private static final Reflect.Accessor STOP_SEQUENCES = Reflect.accessor("stopSequences");
  private static final Reflect.Accessor TEMPERATURE = Reflect.accessor("temperature");
  private static final Reflect.Accessor TOP_K = Reflect.accessor("topK");
  private static final Reflect.Accessor TOP_P = Reflect.accessor("topP");

  /** Model requests already inside one on this thread: a provider calling itself is one request. */
  private static final ThreadLocal<int[]> CHAT_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** Tool executions already inside one on this thread. */
  private static final ThreadLocal<int[]> TOOL_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** MCP tool listings already inside one on this thread. */
  private static final ThreadLocal<int[]> LIST_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** The agent spans of AI service calls that returned a stream not yet started. */
  private static final Map<Object, Span> STREAMS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** The agent span of an agentic invocation, which the AI service it runs must not repeat. */
  private static final ThreadLocal<Span> AGENT_INVOCATION = new ThreadLocal<>();

  private LangChain4jSpans() {}

  // ---------------------------------------------------------------- AI services and agents

  /**
   * Starts the agent span of one call of an AI service method, named after the agentic
   * {@code @Agent} or Weft {@code @AgentSpan} name on the method, else the service interface; null
   * for the proxy's own methods, or when an agentic invocation already stands for this call.
   */
  public static Object aiServiceStart(Object handler, Method method) {
    try {
      if (!Tracing.isEnabled() || method == null || !isServiceMethod(method)) {
        return null;
      }
      Span invocation = AGENT_INVOCATION.get();
      if (invocation != null && Tracing.currentSpan() == invocation) {
        AGENT_INVOCATION.remove();
        fillAgent(invocation, handler, method);
        return null;
      }
      String name = agentName(method);
      if (name == null) {
        name = method.getDeclaringClass().getSimpleName();
      }
      return Tracing.startSpan(
          new AgentSpanData(name, List.of(), toolNames(handler), typeName(method)));
    } catch (Throwable t) {
      failed("ai-service", t);
      return null;
    }
  }

  /** Starts the agent span of an agentic agent invocation ({@code AgentInvoker.invoke}). */
  public static Object agentInvocationStart(Object invoker) {
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      String name = NAME.text(invoker);
      if (name == null || name.isBlank()) {
        name = AGENT_ID.text(invoker);
      }
      Span span = Tracing.startSpan(AgentSpanData.named(name == null ? "agent" : name));
      AGENT_INVOCATION.set(span);
      return span;
    } catch (Throwable t) {
      failed("agent", t);
      return null;
    }
  }

  /**
   * Starts the agent span of a call of an agentic workflow's method, unless an agent invocation of
   * an enclosing workflow already stands for it.
   */
  public static Object workflowStart(Object handler, Method method) {
    try {
      if (!Tracing.isEnabled() || method == null || !isServiceMethod(method)) {
        return null;
      }
      Span invocation = AGENT_INVOCATION.get();
      if (invocation != null && Tracing.currentSpan() == invocation) {
        AGENT_INVOCATION.remove();
        return null;
      }
      String name = NAME.text(handler);
      if (name == null || name.isBlank()) {
        name = agentName(method);
      }
      if (name == null) {
        name = method.getDeclaringClass().getSimpleName();
      }
      return Tracing.startSpan(new AgentSpanData(name, List.of(), List.of(), typeName(method)));
    } catch (Throwable t) {
      failed("workflow", t);
      return null;
    }
  }

  /**
   * Records the supervisor's choice of the next agent as a handoff span from the supervisor (the
   * agent span current) to the chosen agent.
   */
  static void supervisorChose(Object invocation) {
    try {
      if (!Tracing.isEnabled() || invocation == null) {
        return;
      }
      String to = GET_AGENT_NAME.text(invocation);
      if (to == null || to.equalsIgnoreCase("done")) {
        return;
      }
      Span current = Tracing.currentSpan();
      String from =
          current != null && current.data() instanceof AgentSpanData agent ? agent.name() : null;
      Tracing.startSpan(new HandoffSpanData(from, to)).close();
    } catch (Throwable t) {
      failed("handoff", t);
    }
  }

  /** Ends an agent span: the result passes through, an exception is recorded. */
  public static void agentEnd(Object state, Object result, Throwable thrown) {
    if (!(state instanceof Span span)) {
      return;
    }
    try {
      if (AGENT_INVOCATION.get() == span) {
        AGENT_INVOCATION.remove();
      }
      if (thrown != null) {
        span.recordException(unwrap(thrown));
      } else if (result != null
          && Reflect.isA(result, "dev.langchain4j.service.TokenStream")
          && result.getClass().getName().equals("dev.langchain4j.service.AiServiceTokenStream")) {
        // The model is called when the application starts the stream: the span goes on until
        // the stream completes or fails.
        STREAMS.put(result, span);
        span.releaseScope();
        return;
      }
    } catch (Throwable t) {
      failed("agent-end", t);
    }
    span.close();
    if (thrown == null
        && result != null
        && result
            .getClass()
            .getName()
            .equals("dev.langchain4j.agentic.supervisor.AgentInvocation")) {
      // The supervisor's planner chose the next agent: a handoff from the supervisor.
      supervisorChose(result);
    }
  }

  /**
   * Makes the agent span of the AI service call that returned {@code stream} current while the
   * stream starts, and has its completion and error handlers end the span. Returns the scope to
   * close when {@code start()} returns, or null.
   */
  public static Object tokenStreamStart(Object stream) {
    try {
      Span span = STREAMS.remove(stream);
      if (span == null) {
        return null;
      }
      endWith(stream, "completeResponseHandler", span, false);
      endWith(stream, "errorHandler", span, true);
      return TracingContext.of(span).makeCurrent();
    } catch (Throwable t) {
      failed("token-stream", t);
      return null;
    }
  }

  /** Restores what was current before the stream started. */
  public static void tokenStreamStarted(Object scope) {
    if (scope instanceof Scope open) {
      open.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static void endWith(Object stream, String fieldName, Span span, boolean error) {
    java.lang.reflect.Field field = null;
    for (Class<?> c = stream.getClass(); c != null && field == null; c = c.getSuperclass()) {
      try {
        field = c.getDeclaredField(fieldName);
      } catch (NoSuchFieldException e) {
        // look further up
      }
    }
    if (field == null) {
      return;
    }
    try {
      field.setAccessible(true);
      Object original = field.get(stream);
      if (!(original instanceof java.util.function.Consumer<?>)) {
        return;
      }
      java.util.function.Consumer<Object> consumer = (java.util.function.Consumer<Object>) original;
      field.set(
          stream,
          (java.util.function.Consumer<Object>)
              value -> {
                if (error && value instanceof Throwable t) {
                  span.recordException(t);
                }
                span.end();
                consumer.accept(value);
              });
    } catch (ReflectiveOperationException | RuntimeException e) {
      failed("token-stream-handler", e);
    }
  }

  // ---------------------------------------------------------------- model requests

  /** Starts the generation span of a model request, unless one is open for it on this thread. */
  public static Object chatStart(Object model, Object request) {
    int[] depth = CHAT_DEPTH.get();
    depth[0]++;
    if (depth[0] > 1) {
      return null;
    }
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      return Tracing.startSpan(generation(model, request));
    } catch (Throwable t) {
      failed("chat", t);
      return null;
    }
  }

  /** Ends the generation span of a model request with its response or failure. */
  public static void chatEnd(Object state, Object response, Throwable thrown) {
    CHAT_DEPTH.get()[0]--;
    if (!(state instanceof Span span)) {
      return;
    }
    try {
      if (thrown != null) {
        span.recordException(unwrap(thrown));
      } else {
        recordResponse(span, response);
      }
    } catch (Throwable t) {
      failed("chat-end", t);
    } finally {
      span.close();
    }
  }

  /**
   * Starts the generation span of a streamed model request; the span stays open until the handler
   * hears the stream complete or fail. Returns the span, or null.
   */
  public static Object streamingChatStart(Object model, Object request) {
    TracingContext caller = TracingContext.current();
    Object state = chatStart(model, request);
    return state instanceof Span span ? new StreamedCall(span, caller) : null;
  }

  /** A streamed request's span and what was current where it was made. */
  private record StreamedCall(Span span, TracingContext caller) {}

  /**
   * Returns a handler that runs every callback of {@code handler} inside the streamed request's
   * span and ends the span when the response completes or fails; {@code handler} itself when
   * nothing is traced.
   */
  public static Object streamingHandler(Object state, Object handler) {
    if (!(state instanceof StreamedCall call) || handler == null) {
      return handler;
    }
    try {
      Class<?>[] interfaces = publicInterfaces(handler.getClass());
      if (interfaces.length == 0) {
        return handler;
      }
      return Proxy.newProxyInstance(
          handler.getClass().getClassLoader(),
          interfaces,
          new StreamingHandler(
              call.span(), TracingContext.of(call.span()), call.caller(), handler));
    } catch (Throwable t) {
      failed("stream", t);
      return handler;
    }
  }

  /**
   * Ends the call that started a stream: a failure to start ends the span; otherwise the span is
   * only released from this thread, and the handler ends it.
   */
  public static void streamingChatEnd(Object state, Object handler, Throwable thrown) {
    CHAT_DEPTH.get()[0]--;
    if (!(state instanceof StreamedCall call)) {
      return;
    }
    Span span = call.span();
    try {
      if (thrown != null) {
        span.recordException(unwrap(thrown));
        span.close();
      } else if (handler != null
          && Proxy.isProxyClass(handler.getClass())
          && Proxy.getInvocationHandler(handler) instanceof StreamingHandler) {
        span.releaseScope();
      } else {
        span.close();
      }
    } catch (Throwable t) {
      failed("stream-end", t);
      span.close();
    }
  }

  // ---------------------------------------------------------------- tools

  /** Starts the function span of a tool execution, unless one is open for it on this thread. */
  public static Object toolStart(Object request) {
    int[] depth = TOOL_DEPTH.get();
    depth[0]++;
    if (depth[0] > 1) {
      return null;
    }
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      Tracer tracer = Tracing.tracer();
      String name = NAME.text(request);
      Span span =
          Tracing.startSpan(
              FunctionSpanData.of(
                  name == null ? "tool" : name, text(tracer, ARGUMENTS.text(request))));
      // The id the model gave the call, which its tool result message answers.
      String callId = ID.text(request);
      if (callId != null && !callId.isEmpty()) {
        span.setMetadata("tool_call_id", callId);
      }
      return span;
    } catch (Throwable t) {
      failed("tool", t);
      return null;
    }
  }

  /**
   * Ends the function span of a tool execution with its result: a text, a {@code
   * ToolExecutionResult} (an error result is recorded as the span's error) or a {@code
   * ToolExecutionResultMessage}.
   */
  public static void toolEnd(Object state, Object result, Throwable thrown) {
    TOOL_DEPTH.get()[0]--;
    if (!(state instanceof Span span)) {
      return;
    }
    try {
      if (thrown != null) {
        span.recordException(unwrap(thrown));
      } else {
        String output;
        boolean error = false;
        if (result == null || result instanceof String) {
          output = (String) result;
        } else if (Reflect.isA(result, "dev.langchain4j.service.tool.ToolExecutionResult")) {
          output = RESULT_TEXT.text(result);
          error = Boolean.TRUE.equals(IS_ERROR.call(result));
        } else {
          output = TEXT.text(result);
          error = Boolean.TRUE.equals(IS_ERROR.call(result));
        }
        SpanData data = span.data();
        if (data instanceof FunctionSpanData function) {
          span.setData(function.withOutput(text(Tracing.tracer(), output)));
        }
        if (error) {
          span.setError(
              Tracing.includeSensitiveData() && output != null
                  ? SpanError.of(redact(output))
                  : SpanError.of("the tool failed"));
        }
      }
    } catch (Throwable t) {
      failed("tool-end", t);
    } finally {
      span.close();
    }
  }

  // ---------------------------------------------------------------- guardrails

  /** Starts the guardrail span of one guardrail's check. */
  public static Object guardrailStart(Object guardrail) {
    try {
      if (!Tracing.isEnabled() || guardrail == null) {
        return null;
      }
      String name = NAME.text(guardrail);
      if (name == null || name.isBlank() || name.contains("$$Lambda")) {
        name = guardrail.getClass().getSimpleName();
      }
      return Tracing.startSpan(new GuardrailSpanData(name, false));
    } catch (Throwable t) {
      failed("guardrail", t);
      return null;
    }
  }

  /**
   * Ends a guardrail span: triggered when the result is not a success (a failure, a fatal result, a
   * retry or a reprompt) or the check threw.
   */
  public static void guardrailEnd(Object state, Object result, Throwable thrown) {
    if (!(state instanceof Span span)) {
      return;
    }
    try {
      boolean triggered;
      if (thrown != null) {
        triggered = true;
        span.recordException(unwrap(thrown));
      } else {
        triggered =
            Boolean.FALSE.equals(IS_SUCCESS.call(result))
                || Boolean.TRUE.equals(IS_RETRY.call(result))
                || Boolean.TRUE.equals(IS_REPROMPT.call(result));
        if (triggered && Tracing.includeSensitiveData()) {
          Object failures = FAILURES.call(result);
          if (failures instanceof List<?> list && !list.isEmpty()) {
            span.setError(SpanError.of(redact(MESSAGE.text(list.get(0)))));
          }
        }
      }
      if (span.data() instanceof GuardrailSpanData guardrail) {
        span.setData(new GuardrailSpanData(guardrail.name(), triggered));
      }
    } catch (Throwable t) {
      failed("guardrail-end", t);
    } finally {
      span.close();
    }
  }

  // ---------------------------------------------------------------- MCP

  /** Starts the {@code mcp_tools} span of listing an MCP server's tools. */
  public static Object mcpListStart(Object client) {
    int[] depth = LIST_DEPTH.get();
    depth[0]++;
    try {
      if (!Tracing.isEnabled() || depth[0] > 1) {
        return null;
      }
      return Tracing.startSpan(new McpToolsSpanData(mcpServer(client), List.of()));
    } catch (Throwable t) {
      failed("mcp-list", t);
      return null;
    }
  }

  /** Ends an {@code mcp_tools} span with the names of the tools listed. */
  public static void mcpListEnd(Object state, Object tools, Throwable thrown) {
    LIST_DEPTH.get()[0]--;
    if (!(state instanceof Span span)) {
      return;
    }
    try {
      if (thrown != null) {
        span.recordException(unwrap(thrown));
      } else if (tools instanceof List<?> list && span.data() instanceof McpToolsSpanData data) {
        Set<String> names = new LinkedHashSet<>();
        for (Object tool : list) {
          String name = NAME.text(tool);
          if (name != null) {
            names.add(name);
          }
        }
        span.setData(new McpToolsSpanData(data.server(), new ArrayList<>(names)));
      }
    } catch (Throwable t) {
      failed("mcp-list-end", t);
    } finally {
      span.close();
    }
  }

  /**
   * Marks the tool execution under way as a call of an MCP server ({@code mcp_data}), or starts a
   * function span for a call made outside an AI service's tool loop. Returns the span it started.
   */
  public static Object mcpCallStart(Object client, Object request) {
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      Map<String, Object> mcpData = new LinkedHashMap<>();
      mcpData.put("server", mcpServer(client));
      Span current = Tracing.currentSpan();
      if (TOOL_DEPTH.get()[0] > 0
          && current != null
          && current.data() instanceof FunctionSpanData function) {
        current.setData(
            new FunctionSpanData(function.name(), function.input(), function.output(), mcpData));
        return null;
      }
      Object span = toolStart(request);
      if (span instanceof Span started && started.data() instanceof FunctionSpanData function) {
        started.setData(
            new FunctionSpanData(function.name(), function.input(), function.output(), mcpData));
      }
      return span;
    } catch (Throwable t) {
      failed("mcp-call", t);
      return null;
    }
  }

  /** Ends the function span {@link #mcpCallStart} started, if it started one. */
  public static void mcpCallEnd(Object state, Object result, Throwable thrown) {
    if (state instanceof Span) {
      toolEnd(state, result, thrown);
    }
  }

  // ---------------------------------------------------------------- reading LangChain4j

  private static GenerationSpanData generation(Object model, Object request) {
    Tracer tracer = Tracing.tracer();
    Object parameters = PARAMETERS.call(request);
    String modelName = MODEL_NAME.text(request);
    if (modelName == null) {
      modelName = MODEL_NAME.text(parameters);
    }
    if (modelName == null) {
      modelName = MODEL_NAME.text(DEFAULT_REQUEST_PARAMETERS.call(model));
    }
    List<Object> input =
        tracer.includeSensitiveData()
            ? Messages.of(MESSAGES.call(request), value -> text(tracer, value))
            : List.of();
    return new GenerationSpanData(input, List.of(), modelName, modelConfig(model, request), null);
  }

  private static Map<String, Object> modelConfig(Object model, Object request) {
    Map<String, Object> config = new LinkedHashMap<>();
    Object defaults = DEFAULT_REQUEST_PARAMETERS.call(model);
    put(config, "temperature", request, defaults, TEMPERATURE);
    put(config, "top_p", request, defaults, TOP_P);
    put(config, "top_k", request, defaults, TOP_K);
    put(config, "max_tokens", request, defaults, MAX_OUTPUT_TOKENS);
    put(config, "frequency_penalty", request, defaults, FREQUENCY_PENALTY);
    put(config, "presence_penalty", request, defaults, PRESENCE_PENALTY);
    Object stop = first(request, defaults, STOP_SEQUENCES);
    if (stop instanceof List<?> list && !list.isEmpty()) {
      config.put("stop", new ArrayList<>(list));
    }
    Object format = first(request, defaults, RESPONSE_FORMAT);
    if (format != null) {
      Object type = TYPE.call(format);
      if (type != null && !"TEXT".equals(type.toString())) {
        Map<String, Object> responseFormat = new LinkedHashMap<>();
        responseFormat.put("type", type.toString().toLowerCase(java.util.Locale.ROOT));
        String schema = NAME.text(JSON_SCHEMA.call(format));
        if (schema != null) {
          responseFormat.put("schema", schema);
        }
        config.put("response_format", responseFormat);
      }
    }
    Object tools = TOOL_SPECIFICATIONS.call(request);
    if (tools instanceof List<?> list && !list.isEmpty()) {
      List<Object> names = new ArrayList<>();
      for (Object tool : list) {
        names.add(NAME.text(tool));
      }
      config.put("tools", names);
    }
    return config;
  }

  private static void put(
      Map<String, Object> config,
      String key,
      Object request,
      Object defaults,
      Reflect.Accessor accessor) {
    Object value = first(request, defaults, accessor);
    if (value != null) {
      config.put(key, value);
    }
  }

  private static Object first(Object request, Object defaults, Reflect.Accessor accessor) {
    Object value = accessor.call(request);
    return value != null ? value : accessor.call(defaults);
  }

  private static void recordResponse(Span span, Object response) {
    if (response == null || !(span.data() instanceof GenerationSpanData data)) {
      return;
    }
    Tracer tracer = Tracing.tracer();
    String model = MODEL_NAME.text(response);
    if (model == null) {
      model = MODEL_NAME.text(METADATA.call(response));
    }
    List<Object> output = List.of();
    Object aiMessage = AI_MESSAGE.call(response);
    if (aiMessage != null && tracer.includeSensitiveData()) {
      output = List.of(Messages.assistant(aiMessage, value -> text(tracer, value)));
    }
    Map<String, Object> config = new LinkedHashMap<>(data.modelConfig());
    Object finish = FINISH_REASON.call(response);
    if (finish != null) {
      config.put("finish_reason", finish.toString().toLowerCase(java.util.Locale.ROOT));
    }
    String id = ID.text(response);
    if (id != null) {
      config.put("response_id", id);
    }
    span.setData(
        new GenerationSpanData(
            data.input(),
            output,
            model != null ? model : data.model(),
            config,
            usage(TOKEN_USAGE.call(response))));
  }

  /** Reads a {@code TokenUsage}, with the cache and reasoning counts providers add. */
  static Usage usage(Object tokenUsage) {
    if (tokenUsage == null) {
      return null;
    }
    Number input = INPUT_TOKEN_COUNT.number(tokenUsage);
    Number output = OUTPUT_TOKEN_COUNT.number(tokenUsage);
    if (input == null && output == null) {
      return null;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    Number cached = CACHED_TOKENS.number(INPUT_TOKENS_DETAILS.call(tokenUsage));
    if (cached == null) {
      cached = CACHE_READ_INPUT_TOKENS.number(tokenUsage);
    }
    if (cached == null) {
      cached = CACHED_CONTENT_TOKEN_COUNT.number(tokenUsage);
    }
    if (cached != null) {
      details.put("cached_tokens", cached.longValue());
    }
    Number written = CACHE_CREATION_INPUT_TOKENS.number(tokenUsage);
    if (written != null) {
      details.put("cache_creation_input_tokens", written.longValue());
    }
    Number reasoning = REASONING_TOKENS.number(OUTPUT_TOKENS_DETAILS.call(tokenUsage));
    if (reasoning == null) {
      reasoning = THOUGHTS_TOKEN_COUNT.number(tokenUsage);
    }
    if (reasoning != null) {
      details.put("reasoning_tokens", reasoning.longValue());
    }
    return new Usage(
        input == null ? 0 : input.longValue(), output == null ? 0 : output.longValue(), details);
  }

  private static boolean isServiceMethod(Method method) {
    Class<?> declaring = method.getDeclaringClass();
    return declaring != Object.class
        && !method.isDefault()
        && !declaring.getName().startsWith("dev.langchain4j.memory.");
  }

  /** Returns the name an annotation on the method gives the agent, or null. */
  private static String agentName(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      String type = annotation.annotationType().getName();
      if (type.equals("dev.langchain4j.agentic.Agent")
          || type.equals("dev.weft.annotations.AgentSpan")) {
        String name = NAME.text(annotation);
        if (name == null || name.isBlank()) {
          name = type.endsWith("Agent") ? VALUE.text(annotation) : null;
        }
        if (name != null && !name.isBlank()) {
          return name;
        }
        if (type.endsWith("Agent")) {
          return method.getName();
        }
      }
    }
    return null;
  }

  /** Returns the names of the tools an AI service offers, from its context's tool service. */
  private static List<String> toolNames(Object handler) {
    Object services = Reflect.field(handler, "this$0");
    Object context = Reflect.field(services, "context");
    Object specifications = TOOL_SPECIFICATIONS.call(Reflect.field(context, "toolService"));
    List<String> names = new ArrayList<>();
    if (specifications instanceof List<?> list) {
      for (Object specification : list) {
        String name = NAME.text(specification);
        if (name != null) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static void fillAgent(Span span, Object handler, Method method) {
    if (span.data() instanceof AgentSpanData agent && agent.tools().isEmpty()) {
      span.setData(
          new AgentSpanData(agent.name(), agent.handoffs(), toolNames(handler), typeName(method)));
    }
  }

  private static String typeName(Method method) {
    return typeName(method.getGenericReturnType());
  }

  private static String typeName(Type type) {
    if (type instanceof Class<?> c) {
      return c.getSimpleName();
    }
    if (type instanceof ParameterizedType parameterized) {
      StringBuilder name = new StringBuilder(typeName(parameterized.getRawType())).append('<');
      Type[] arguments = parameterized.getActualTypeArguments();
      for (int i = 0; i < arguments.length; i++) {
        if (i > 0) {
          name.append(", ");
        }
        name.append(typeName(arguments[i]));
      }
      return name.append('>').toString();
    }
    return type.getTypeName();
  }

  /** Returns the MCP server's name from its initialisation answer, else the client's key. */
  private static String mcpServer(Object client) {
    Object initialized = Reflect.field(client, "initializeResult");
    Object result = GET_RESULT.call(initialized);
    String name = GET_NAME.text(GET_SERVER_INFO.call(result));
    if (name == null) {
      name = NAME.text(SERVER_INFO.call(initialized));
    }
    if (name == null) {
      name = KEY.text(client);
    }
    return name;
  }

  private static Class<?>[] publicInterfaces(Class<?> type) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
          interfaces.add(i);
        }
      }
    }
    return interfaces.toArray(new Class<?>[0]);
  }

  private static String text(Tracer tracer, String value) {
    return tracer.includeSensitiveData() ? Captured.bounded(value) : null;
  }

  private static String redact(String value) {
    return value == null ? null : Tracing.tracer().valueRenderer().redact(value);
  }

  private static Throwable unwrap(Throwable thrown) {
    return thrown instanceof InvocationTargetException e && e.getCause() != null
        ? e.getCause()
        : thrown;
  }

  private static void failed(String what, Throwable t) {
    WeftLog.warnRateLimited("langchain4j-" + what, "langchain4j tracing failed at " + what, t);
  }

  /**
   * Runs a streamed request's callbacks inside its span; the completion or failure ends the span
   * first, and its callback then runs where the request was made (so a follow-up request of a tool
   * loop is the next sibling, not a child).
   */
  private static final class StreamingHandler implements InvocationHandler {
    private final Span span;
    private final TracingContext context;
    private final TracingContext parent;
    private final Object handler;

    StreamingHandler(Span span, TracingContext context, TracingContext parent, Object handler) {
      this.span = span;
      this.context = context;
      this.parent = parent;
      this.handler = handler;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (method.getDeclaringClass() == Object.class) {
        switch (name) {
          case "equals":
            return proxy == args[0];
          case "hashCode":
            return System.identityHashCode(proxy);
          default:
            return "traced " + handler;
        }
      }
      boolean complete = name.equals("onCompleteResponse");
      boolean error = name.equals("onError");
      if (complete || error) {
        try {
          if (complete && args != null && args.length > 0) {
            recordResponse(span, args[0]);
          } else if (args != null && args.length > 0 && args[0] instanceof Throwable t) {
            span.recordException(t);
          }
        } catch (Throwable t) {
          failed("stream-response", t);
        }
        span.end();
      }
      try (Scope ignored = (complete || error ? parent : context).makeCurrent()) {
        return method.invoke(handler, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
