package com.acme.assistant;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.weft.annotations.GenerationSpan;

/**
 * An application class that describes its model request itself, with Weft's {@code
 * GenerationSpan} and no model name: the request openai-java makes inside is the same request.
 */
final class PoliteAssistant {
  private final OpenAIClient client;

  PoliteAssistant(OpenAIClient client) {
    this.client = client;
  }

  @GenerationSpan(name = "polite")
  String ask(String question) {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("gpt-4.1-nano")
            .addUserMessage(question + ", politely")
            .build();
    return client.chat().completions().create(params).choices().get(0).message().content().orElse("");
  }
}
