package dev.weft.instrumentation.springai;

import dev.weft.instrumentation.api.Hook;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.api.LibraryVersions;
import java.util.List;

/**
 * Spring AI 1.1 and 2.0: a {@code ChatClient} call or stream becomes an {@code agent} span, the
 * advisors around it {@code custom} spans ({@code guardrail} spans for guard advisors, tripped when
 * they answer without passing the request on), every model request a {@code generation} span, and
 * every tool callback a {@code function} span. The hooks are on Spring AI's own classes, so nothing
 * in the application changes, in a plain class path or a Spring Boot fat jar alike.
 */
public final class SpringAiInstrumentation implements LibraryInstrumentation {
  private static final String ANY = "*";
  private static final String PROMPT = "org.springframework.ai.chat.prompt.Prompt";
  private static final String CHAT_RESPONSE = "org.springframework.ai.chat.model.ChatResponse";
  private static final String CLIENT_REQUEST =
      "org.springframework.ai.chat.client.ChatClientRequest";
  private static final String TOOL_CONTEXT = "org.springframework.ai.chat.model.ToolContext";
  private static final String STRING = "java.lang.String";
  private static final String PROVIDERS = "org.springframework.ai.";

  /** Creates the instrumentation. */
  public SpringAiInstrumentation() {}

  @Override
  public String name() {
    return "spring-ai";
  }

  @Override
  public LibraryVersions versions() {
    return new LibraryVersions(
        "org.springframework.ai.chat.model.ChatModel",
        "META-INF/maven/org.springframework.ai/spring-ai-model/pom.properties",
        "1.1.0",
        "3.0.0");
  }

  @Override
  public List<Hook> hooks() {
    String callSpec =
        "org.springframework.ai.chat.client.DefaultChatClient$DefaultCallResponseSpec";
    String streamSpec =
        "org.springframework.ai.chat.client.DefaultChatClient$DefaultStreamResponseSpec";
    String chain = "org.springframework.ai.chat.client.advisor.DefaultAroundAdvisorChain";
    return List.of(
        // A ChatClient call: every terminal (content, chatResponse, entity, ...) runs through it;
        // 2.0 adds an overload with the advisor chain, which the one-argument form calls.
        Hook.method(
            callSpec,
            "doGetObservableChatClientResponse",
            List.of(CLIENT_REQUEST),
            Advice.ClientCall.class),
        Hook.method(
            callSpec,
            "doGetObservableChatClientResponse",
            List.of(CLIENT_REQUEST, ANY),
            Advice.ClientCall.class),
        Hook.method(
            streamSpec,
            "doGetObservableFluxChatResponse",
            List.of(CLIENT_REQUEST),
            Advice.ClientStream.class),
        // Each advisor runs from the chain's next step.
        Hook.method(chain, "nextCall", List.of(CLIENT_REQUEST), Advice.AdvisorCall.class),
        Hook.method(chain, "nextStream", List.of(CLIENT_REQUEST), Advice.AdvisorStream.class),
        // Model requests, whatever the provider: call and stream, and the per-request methods
        // 1.1's providers run their tool loop through.
        Hook.methodOfClassesStartingWith(
            PROVIDERS, "call", List.of(PROMPT), Advice.ModelCall.class),
        Hook.methodOfClassesStartingWith(
            PROVIDERS, "internalCall", List.of(PROMPT, CHAT_RESPONSE), Advice.ModelCall.class),
        Hook.methodOfClassesStartingWith(
            PROVIDERS, "stream", List.of(PROMPT), Advice.ModelStream.class),
        Hook.methodOfClassesStartingWith(
            PROVIDERS, "internalStream", List.of(PROMPT, CHAT_RESPONSE), Advice.ModelStream.class),
        // The tool-calling manager takes a model response's tool calls: that request is over.
        Hook.method(
            "org.springframework.ai.model.tool.DefaultToolCallingManager",
            "executeToolCalls",
            List.of(PROMPT, CHAT_RESPONSE),
            Advice.ToolCalls.class),
        // Tool callbacks: @Tool methods, functions, and MCP tools.
        Hook.method(
            "org.springframework.ai.tool.method.MethodToolCallback",
            "call",
            List.of(STRING, TOOL_CONTEXT),
            Advice.Tool.class),
        Hook.method(
            "org.springframework.ai.tool.function.FunctionToolCallback",
            "call",
            List.of(STRING, TOOL_CONTEXT),
            Advice.Tool.class),
        Hook.method(
            "org.springframework.ai.tool.function.FunctionToolCallback",
            "call",
            List.of(STRING),
            Advice.Tool.class),
        Hook.method(
            "org.springframework.ai.mcp.SyncMcpToolCallback",
            "call",
            List.of(STRING, TOOL_CONTEXT),
            Advice.Tool.class),
        Hook.method(
            "org.springframework.ai.mcp.SyncMcpToolCallback",
            "call",
            List.of(STRING),
            Advice.Tool.class),
        Hook.method(
            "org.springframework.ai.mcp.AsyncMcpToolCallback",
            "call",
            List.of(STRING, TOOL_CONTEXT),
            Advice.Tool.class),
        Hook.method(
            "org.springframework.ai.mcp.AsyncMcpToolCallback",
            "call",
            List.of(STRING),
            Advice.Tool.class));
  }
}
