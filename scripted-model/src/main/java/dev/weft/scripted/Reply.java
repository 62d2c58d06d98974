package dev.weft.scripted;

import java.util.List;

/** What the scripted model answers to one request. */
public sealed interface Reply {

  /** An assistant message with text. */
  record Text(String content) implements Reply {}

  /** An assistant message asking for tool calls. */
  record ToolCalls(List<Call> calls) implements Reply {}

  /** One tool call: the tool's name and its arguments as JSON text. */
  record Call(String name, String arguments) {}

  /** An HTTP error status with an OpenAI-style error body, and a retry-after header when > 0. */
  record Failure(int status, String message, int retryAfterSeconds) implements Reply {}

  /** A streamed answer that breaks off half way, in the middle of an event. */
  record BrokenStream(String content) implements Reply {}

  /** Returns a text answer. */
  static Reply text(String content) {
    return new Text(content);
  }

  /** Returns an answer that calls one tool. */
  static Reply toolCall(String name, String arguments) {
    return new ToolCalls(List.of(new Call(name, arguments)));
  }
}
