package com.acme.support;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A LangChain4j application that knows nothing of Weft: an AI service with tools and memory, the
 * same as a stream, and a model that fails. {@code java SupportApp <scenario> <base url>}.
 */
public final class SupportApp {
  private SupportApp() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    String baseUrl = args[1];
    switch (scenario) {
      case "assistant" -> assistant(baseUrl);
      case "streaming" -> streaming(baseUrl);
      case "failure" -> failure(baseUrl);
      case "rate-limited" -> rateLimited(baseUrl);
      case "broken-stream" -> brokenStream(baseUrl);
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }

  static ChatModel model(String baseUrl) {
    return OpenAiChatModel.builder()
        .baseUrl(baseUrl)
        .apiKey("test-key")
        .modelName("gpt-4.1-mini")
        .temperature(0.2)
        .maxRetries(0)
        .build();
  }

  static void assistant(String baseUrl) {
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model(baseUrl))
            .tools(new OrderTools())
            .chatMemory(MessageWindowChatMemory.withMaxMessages(20))
            .build();
    System.out.println(assistant.chat("Where is my order 42?"));
    System.out.println(assistant.chat("Thanks! Anything else? [no-tools]"));
  }

  static void streaming(String baseUrl) throws Exception {
    StreamingChatModel model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("test-key")
            .modelName("gpt-4.1-nano")
            .build();
    StreamingAssistant assistant =
        AiServices.builder(StreamingAssistant.class)
            .streamingChatModel(model)
            .tools(new OrderTools())
            .build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    StringBuilder partial = new StringBuilder();
    assistant
        .chat("Where is order 7?")
        .onPartialResponse(partial::append)
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    ChatResponse response = done.get(60, TimeUnit.SECONDS);
    System.out.println("streamed: " + partial);
    System.out.println("final: " + response.aiMessage().text());
  }

  static void rateLimited(String baseUrl) {
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(model(baseUrl)).build();
    try {
      assistant.chat("Too many questions [fail:429]");
      System.out.println("no failure");
    } catch (RuntimeException e) {
      System.out.println("failed: " + e.getClass().getName());
    }
  }

  static void brokenStream(String baseUrl) throws Exception {
    StreamingChatModel model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("test-key")
            .modelName("gpt-4.1-nano")
            .build();
    StreamingAssistant assistant =
        AiServices.builder(StreamingAssistant.class).streamingChatModel(model).build();
    CompletableFuture<String> done = new CompletableFuture<>();
    assistant
        .chat("Tell me a long story [broken-stream]")
        .onPartialResponse(piece -> {})
        .onCompleteResponse(response -> done.complete("completed"))
        .onError(error -> done.complete("failed: " + error.getClass().getName()))
        .start();
    System.out.println(done.get(60, TimeUnit.SECONDS));
  }

  static void failure(String baseUrl) {
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(model(baseUrl)).build();
    try {
      assistant.chat("This will not work [fail:500]");
      System.out.println("no failure");
    } catch (RuntimeException e) {
      System.out.println("failed: " + e.getClass().getName());
    }
  }
}
