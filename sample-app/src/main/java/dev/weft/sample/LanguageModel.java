package dev.weft.sample;

import dev.weft.annotations.GenerationSpan;
import dev.weft.annotations.SpanAttribute;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The agents' access to the model; every call is a generation with its token usage. */
public final class LanguageModel {
  private final ChatBackend backend;
  private final Executor executor;

  LanguageModel(ChatBackend backend, Executor executor) {
    this.backend = backend;
    this.executor = executor;
  }

  /** Asks the model to continue {@code messages} on behalf of {@code agent}, and waits. */
  @GenerationSpan
  public ModelResponse complete(@SpanAttribute("agent") String agent, List<Message> messages) {
    return backend.complete(agent, messages);
  }

  /**
   * Asks the model to continue {@code messages} without blocking the caller: the answer arrives on
   * the returned future, computed on the application's executor.
   */
  @GenerationSpan
  public CompletableFuture<ModelResponse> completeAsync(
      @SpanAttribute("agent") String agent, List<Message> messages) {
    return CompletableFuture.supplyAsync(() -> backend.complete(agent, messages), executor);
  }
}
