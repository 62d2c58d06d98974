package dev.weft.instrumentation.langchain4j;

import dev.weft.instrumentation.api.Hook;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.api.LibraryVersions;
import java.util.List;

/**
 * LangChain4j 1.x: AI service calls and langchain4j-agentic agent invocations become {@code agent}
 * spans, model requests {@code generation} spans, tool executions {@code function} spans, guardrail
 * checks {@code guardrail} spans, a supervisor's choice a {@code handoff} span, and langchain4j-mcp
 * listings {@code mcp_tools} spans. Supported from 1.0.0 up to (not including) 2.0.0; features a
 * version lacks (guardrails before 1.1, agentic before 1.10) simply have nothing to hook.
 */
public final class LangChain4jInstrumentation implements LibraryInstrumentation {
  private static final String ANY = "*";
  private static final String REQUEST = "dev.langchain4j.model.chat.request.ChatRequest";
  private static final String STREAMING_HANDLER =
      "dev.langchain4j.model.chat.response.StreamingChatResponseHandler";
  private static final String TOOL_REQUEST = "dev.langchain4j.agent.tool.ToolExecutionRequest";
  private static final String METHOD = "java.lang.reflect.Method";

  /** Creates the instrumentation. */
  public LangChain4jInstrumentation() {}

  @Override
  public String name() {
    return "langchain4j";
  }

  @Override
  public LibraryVersions versions() {
    return new LibraryVersions(
        "dev.langchain4j.model.chat.ChatModel",
        "META-INF/maven/dev.langchain4j/langchain4j-core/pom.properties",
        "1.0.0",
        "2.0.0");
  }

  @Override
  public List<Hook> hooks() {
    return List.of(
        // AI services: the proxy's invocation handler, the only anonymous class of the factory.
        Hook.method(
            "dev.langchain4j.service.DefaultAiServices$1",
            "invoke",
            List.of(ANY, METHOD, ANY),
            Advice.AiService.class),
        Hook.method(
            "dev.langchain4j.service.AiServiceTokenStream",
            "start",
            List.of(),
            Advice.TokenStreamStart.class),
        // Model requests through the interface, whatever the provider implements behind it.
        Hook.method(
            "dev.langchain4j.model.chat.ChatModel", "chat", List.of(REQUEST), Advice.Chat.class),
        Hook.method(
            "dev.langchain4j.model.chat.ChatModel",
            "chat",
            List.of(REQUEST, ANY),
            Advice.Chat.class),
        // Providers that override chat(ChatRequest) themselves (Anthropic and Gemini in 1.0.x).
        Hook.methodOfClassesStartingWith(
            "dev.langchain4j.model.", "chat", List.of(REQUEST), Advice.Chat.class),
        Hook.method(
            "dev.langchain4j.model.chat.StreamingChatModel",
            "chat",
            List.of(REQUEST, STREAMING_HANDLER),
            Advice.StreamingChat.class),
        Hook.method(
            "dev.langchain4j.model.chat.StreamingChatModel",
            "chat",
            List.of(REQUEST, ANY, STREAMING_HANDLER),
            Advice.StreamingChatWithOptions.class),
        Hook.methodOfClassesStartingWith(
            "dev.langchain4j.model.",
            "chat",
            List.of(REQUEST, STREAMING_HANDLER),
            Advice.StreamingChat.class),
        // Tool executions: the one place every tool goes through from 1.4, and @Tool methods.
        Hook.method(
            "dev.langchain4j.service.tool.ToolService",
            "executeWithErrorHandling",
            List.of(TOOL_REQUEST, ANY, ANY, ANY, ANY),
            Advice.Tool.class),
        Hook.method(
            "dev.langchain4j.service.tool.DefaultToolExecutor",
            "execute",
            List.of(TOOL_REQUEST, "java.lang.Object"),
            Advice.Tool.class),
        // Guardrails (1.1+): each guardrail's check.
        Hook.method(
            "dev.langchain4j.guardrail.AbstractGuardrailExecutor",
            "validate",
            List.of(ANY, ANY),
            Advice.Guardrail.class),
        // langchain4j-agentic (1.10+): every agent invocation, a workflow's own call, and the
        // supervisor's choice of the next agent.
        Hook.method(
            "dev.langchain4j.agentic.internal.AgentInvoker",
            "invoke",
            List.of(ANY, ANY, ANY),
            Advice.AgentInvocation.class),
        Hook.method(
            "dev.langchain4j.agentic.internal.PlannerBasedInvocationHandler",
            "invoke",
            List.of(ANY, METHOD, ANY),
            Advice.Workflow.class),
        // langchain4j-mcp.
        Hook.method(
            "dev.langchain4j.mcp.client.DefaultMcpClient",
            "listTools",
            List.of(),
            Advice.McpList.class),
        Hook.method(
            "dev.langchain4j.mcp.client.DefaultMcpClient",
            "listTools",
            List.of(ANY),
            Advice.McpList.class),
        Hook.method(
            "dev.langchain4j.mcp.client.DefaultMcpClient",
            "executeTool",
            List.of(TOOL_REQUEST),
            Advice.McpCall.class),
        Hook.method(
            "dev.langchain4j.mcp.client.DefaultMcpClient",
            "executeTool",
            List.of(TOOL_REQUEST, ANY),
            Advice.McpCall.class));
  }
}
