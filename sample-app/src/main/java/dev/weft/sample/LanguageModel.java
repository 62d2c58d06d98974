package dev.weft.sample;

import dev.weft.annotations.GenerationSpan;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** One agent's access to the model; every call is a generation with its token usage. */
public final class LanguageModel {
  private final ChatBackend backend;
  private final Executor executor;
  private final String agent;

  private LanguageModel(ChatBackend backend, Executor executor, String agent) {
    this.backend = backend;
    this.executor = executor;
    this.agent = agent;
  }

  /** Returns the model shared by the agents, not yet bound to one of them. */
  static LanguageModel shared(ChatBackend backend, Executor executor) {
    return new LanguageModel(backend, executor, "");
  }

  /** Returns this model as used by {@code agentName}. */
  LanguageModel forAgent(String agentName) {
    return new LanguageModel(backend, executor, agentName);
  }

  /** Asks the model to continue {@code messages}, and waits. */
  @GenerationSpan
  public ModelResponse complete(List<Message> messages) {
    return backend.complete(agent, messages);
  }

  /**
   * Asks the model to continue {@code messages} without blocking the caller: the answer arrives on
   * the returned future, computed on the application's executor.
   */
  @GenerationSpan
  public CompletableFuture<ModelResponse> completeAsync(List<Message> messages) {
    return CompletableFuture.supplyAsync(() -> backend.complete(agent, messages), executor);
  }
}
