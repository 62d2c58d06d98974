package com.acme.agents;

import java.util.List;

/** The value types of the support desk, shaped like an LLM SDK's. */
public final class Models {
  private Models() {}

  /** A chat message. */
  public record Message(String role, String content) {}

  /** Token counts, named as the OpenAI Java SDK names them. */
  public record TokenUsage(long inputTokens, long outputTokens) {}

  /** A chat completion. */
  public record Completion(String content, TokenUsage usage, String model) {}

  /** Token counts with getters named as older SDKs name them. */
  public static final class LegacyUsage {
    public int getPromptTokens() {
      return 30;
    }

    public int getCompletionTokens() {
      return 7;
    }
  }

  /** A model response with an id. */
  public record ModelResponse(String id, LegacyUsage usage) {}

  /** A guardrail's verdict. */
  public record GuardResult(boolean tripwireTriggered, String reason) {}

  /** A reference to an agent. */
  public record AgentRef(String name) {}

  /** A tool offered by an MCP server. */
  public record McpTool(String name, String description) {}

  /** An order. */
  public record Order(String id, String status, List<String> items) {}
}
