package dev.weft.instrumentation.langchain4j;

import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice.Argument;
import net.bytebuddy.asm.Advice.Enter;
import net.bytebuddy.asm.Advice.OnMethodEnter;
import net.bytebuddy.asm.Advice.OnMethodExit;
import net.bytebuddy.asm.Advice.Return;
import net.bytebuddy.asm.Advice.This;
import net.bytebuddy.asm.Advice.Thrown;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice woven into LangChain4j's classes: each only hands over to {@link LangChain4jSpans},
 * suppresses its own failures, and leaves the library's arguments, results and exceptions as they
 * are (the one exception: a streamed request's handler is wrapped, to end the span with the
 * stream).
 */
final class Advice {
  private Advice() {}

  /** {@code DefaultAiServices$1.invoke(Object proxy, Method method, Object[] args)}. */
  static final class AiService {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object handler, @Argument(1) Method method) {
      return LangChain4jSpans.aiServiceStart(handler, method);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      LangChain4jSpans.agentEnd(state, result, thrown);
    }
  }

  /** {@code AgentInvoker.invoke(scope, agent, arguments)} of langchain4j-agentic. */
  static final class AgentInvocation {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object invoker) {
      return LangChain4jSpans.agentInvocationStart(invoker);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      LangChain4jSpans.agentEnd(state, result, thrown);
    }
  }

  /** {@code PlannerBasedInvocationHandler.invoke(proxy, method, args)}: a workflow's own call. */
  static final class Workflow {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object handler, @Argument(1) Method method) {
      return LangChain4jSpans.workflowStart(handler, method);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      LangChain4jSpans.agentEnd(state, result, thrown);
    }
  }

  /**
   * {@code ChatModel.chat(ChatRequest[, options])}, and providers' own {@code chat(ChatRequest)}.
   */
  static final class Chat {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object model, @Argument(0) Object request) {
      return LangChain4jSpans.chatStart(model, request);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object response,
        @Thrown Throwable thrown) {
      LangChain4jSpans.chatEnd(state, response, thrown);
    }
  }

  /** {@code StreamingChatModel.chat(ChatRequest, StreamingChatResponseHandler)}. */
  static final class StreamingChat {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(
        @This Object model,
        @Argument(0) Object request,
        @Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler) {
      Object state = LangChain4jSpans.streamingChatStart(model, request);
      handler = LangChain4jSpans.streamingHandler(state, handler);
      return state;
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Enter Object state, @Argument(1) Object handler, @Thrown Throwable thrown) {
      LangChain4jSpans.streamingChatEnd(state, handler, thrown);
    }
  }

  /**
   * {@code StreamingChatModel.chat(ChatRequest, options, StreamingChatResponseHandler)} (1.13+).
   */
  static final class StreamingChatWithOptions {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(
        @This Object model,
        @Argument(0) Object request,
        @Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler) {
      Object state = LangChain4jSpans.streamingChatStart(model, request);
      handler = LangChain4jSpans.streamingHandler(state, handler);
      return state;
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Enter Object state, @Argument(2) Object handler, @Thrown Throwable thrown) {
      LangChain4jSpans.streamingChatEnd(state, handler, thrown);
    }
  }

  /**
   * A tool execution: {@code ToolService.executeWithErrorHandling(request, executor, …)} (1.4+) and
   * {@code DefaultToolExecutor.execute(request, memoryId)}.
   */
  static final class Tool {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Argument(0) Object request) {
      return LangChain4jSpans.toolStart(request);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      LangChain4jSpans.toolEnd(state, result, thrown);
    }
  }

  /** {@code AbstractGuardrailExecutor.validate(request, guardrail)}: one guardrail's check. */
  static final class Guardrail {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Argument(1) Object guardrail) {
      return LangChain4jSpans.guardrailStart(guardrail);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      LangChain4jSpans.guardrailEnd(state, result, thrown);
    }
  }

  /** {@code DefaultMcpClient.listTools()}. */
  static final class McpList {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object client) {
      return LangChain4jSpans.mcpListStart(client);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object tools,
        @Thrown Throwable thrown) {
      LangChain4jSpans.mcpListEnd(state, tools, thrown);
    }
  }

  /** {@code DefaultMcpClient.executeTool(request[, context])}. */
  static final class McpCall {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object client, @Argument(0) Object request) {
      return LangChain4jSpans.mcpCallStart(client, request);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      LangChain4jSpans.mcpCallEnd(state, result, thrown);
    }
  }

  /** {@code AiServiceTokenStream.start()}: the model is called now, inside the call's span. */
  static final class TokenStreamStart {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object stream) {
      return LangChain4jSpans.tokenStreamStart(stream);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Enter Object scope) {
      LangChain4jSpans.tokenStreamStarted(scope);
    }
  }
}
