package dev.weft.instrumentation.mcp;

import net.bytebuddy.asm.Advice.Argument;
import net.bytebuddy.asm.Advice.Enter;
import net.bytebuddy.asm.Advice.OnMethodEnter;
import net.bytebuddy.asm.Advice.OnMethodExit;
import net.bytebuddy.asm.Advice.Return;
import net.bytebuddy.asm.Advice.This;
import net.bytebuddy.asm.Advice.Thrown;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice woven into the MCP SDK's classes: each only hands over to {@link McpClientSpans} or
 * {@link McpServerSpans} and suppresses its own failures. What it replaces behaves as the original:
 * a returned {@code Mono} is the same publisher watched for its end, a tool call's request is a
 * copy with the {@code traceparent} added to its {@code _meta}, and a handler is wrapped.
 */
final class Advice {
  private Advice() {}

  /** {@code McpAsyncClient.listTools()}: every page. */
  static final class ListAllTools {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object client) {
      return McpClientSpans.listStart(client, true, null);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      result = McpClientSpans.listEnd(state, result, thrown);
    }
  }

  /** {@code McpAsyncClient.listTools(cursor[, meta])}: one page. */
  static final class ListToolsPage {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object client, @Argument(0) Object cursor) {
      return McpClientSpans.listStart(client, false, cursor);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      result = McpClientSpans.listEnd(state, result, thrown);
    }
  }

  /** {@code McpAsyncClient.callTool(CallToolRequest)}. */
  static final class CallTool {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(
        @This Object client,
        @Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
      Object state = McpClientSpans.callStart(client, request);
      request = McpClientSpans.withTraceContext(state, request);
      return state;
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      result = McpClientSpans.callEnd(state, result, thrown);
    }
  }

  /** {@code McpAsyncServer.toolsCallRequestHandler()}: the {@code tools/call} handler it makes. */
  static final class ToolsCallHandler {
    @OnMethodExit(suppress = Throwable.class)
    static void exit(
        @This Object server,
        @Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler) {
      handler = McpServerSpans.toolsCallHandler(server, handler);
    }
  }

  /**
   * {@code McpServerFeatures.AsyncToolSpecification.fromSync(SyncToolSpecification, boolean)}: how
   * a sync tool becomes the async one the server calls.
   */
  static final class SyncTool {
    @OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object spec) {
      spec = McpServerSpans.runningInCallContext(spec);
    }

    @OnMethodExit(suppress = Throwable.class)
    static void exit(@Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object spec) {
      spec = McpServerSpans.handingOverContext(spec);
    }
  }
}
