package dev.weft.weaver;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.CustomSpan;
import dev.weft.annotations.GenerationSpan;
import dev.weft.annotations.GroupId;
import dev.weft.annotations.GuardrailSpan;
import dev.weft.annotations.HandoffSpan;
import dev.weft.annotations.McpListToolsSpan;
import dev.weft.annotations.ResponseSpan;
import dev.weft.annotations.Sensitive;
import dev.weft.annotations.SpanAttribute;
import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.TraceMetadata;
import dev.weft.annotations.TurnSpan;
import dev.weft.annotations.Workflow;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Annotated methods the engine tests describe and call (bodies never run). */
final class Fixtures {
  private Fixtures() {}

  static Method method(Class<?> type, String name) {
    for (Method method : type.getDeclaredMethods()) {
      if (method.getName().equals(name) && !method.isBridge()) {
        return method;
      }
    }
    throw new IllegalArgumentException(name);
  }

  /** A future type of an application's own, which a traced method may not swap for another. */
  static class LabelledFuture extends CompletableFuture<Reply> {}

  record Usage(int promptTokens, int completionTokens) {}

  record Reply(String text, Usage usage) {}

  record Answer(String id, Usage usage) {}

  record Verdict(boolean tripwireTriggered) {}

  record Target(String name) {}

  record Tool(String name) {}

  /** Tools whose results produce their items after the call returned. */
  static class Feed {
    @ToolSpan
    java.util.stream.Stream<String> chunks(String topic) {
      return null;
    }

    @ToolSpan
    java.util.Iterator<String> pages(String topic) {
      return null;
    }

    @ToolSpan
    java.util.concurrent.Flow.Publisher<String> ticks(String topic) {
      return null;
    }
  }

  static class Agent {
    @AgentSpan
    CompletableFuture<Reply> run(String question) {
      return null;
    }

    @AgentSpan
    java.util.concurrent.CompletionStage<Reply> stage(String question) {
      return null;
    }

    @AgentSpan
    LabelledFuture labelled(String question) {
      return null;
    }

    @ToolSpan(name = "lookup")
    String lookup(
        @SpanAttribute("order.id") String orderId, @Sensitive String secret, String apiKey) {
      return null;
    }

    @ToolSpan
    void notify(String who) {}

    @ToolSpan(captureArguments = false)
    @Sensitive
    String token(String user) {
      return null;
    }

    @GenerationSpan(model = "m1")
    Reply generate(List<Object> messages, double temperature) {
      return null;
    }

    @ResponseSpan
    Answer respond() {
      return null;
    }

    @GuardrailSpan(name = "g")
    Verdict check(String text) {
      return null;
    }

    @HandoffSpan
    Target handoff() {
      return null;
    }

    @McpListToolsSpan(server = "s")
    List<Tool> tools() {
      return null;
    }

    @TurnSpan
    void turn() {}

    @CustomSpan(name = "c")
    int custom(int n) {
      return n;
    }

    @Workflow(name = "flow", groupId = "default-group")
    String flow(@GroupId String conversation, @TraceMetadata("user") String user) {
      return null;
    }

    @Workflow(name = "vault")
    String vault(
        @GroupId String conversation,
        @TraceMetadata("user") String user,
        @Sensitive @TraceMetadata("pin") String pin) {
      return null;
    }

    String plain() {
      return null;
    }
  }

  interface Greeter {
    @ToolSpan(name = "greet")
    String greet(@Sensitive String name);
  }

  static class LoudGreeter implements Greeter {
    @Override
    public String greet(String name) {
      return name;
    }
  }

  interface Handler<T> {
    @CustomSpan
    String handle(T input);
  }

  static class TextHandler implements Handler<String> {
    @Override
    public String handle(String input) {
      return input;
    }
  }
}
