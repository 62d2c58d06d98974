package com.acme.assistant;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An application on the official OpenAI Java SDK that knows nothing of Weft. {@code java
 * AssistantApp <scenario> <base url>}, the scenarios: {@code tools} (a chat completion that asks
 * for a tool, the tool, the answer), {@code streaming} (a streamed completion with usage), {@code
 * async} (the async client, one completion and one stream), {@code responses} (the Responses API,
 * plain and streamed), {@code failure} (a request the server fails with 500, caught), {@code
 * layered} (a request inside a method the application marks as a generation itself).
 */
public final class AssistantApp {
  private static final String MODEL = "gpt-4.1-mini";

  private AssistantApp() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    OpenAIClient client = client(args[1], scenario.equals("failure") ? 1 : 0);
    try {
      switch (scenario) {
        case "tools" -> tools(client);
        case "streaming" -> streaming(client);
        case "async" -> async(client);
        case "responses" -> responses(client);
        case "failure" -> failure(client);
        case "layered" -> System.out.println(new PoliteAssistant(client).ask("Say hello"));
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      }
    } finally {
      client.close();
    }
  }

  static OpenAIClient client(String baseUrl, int maxRetries) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(baseUrl)
        .apiKey("test-key")
        .maxRetries(maxRetries)
        .build();
  }

  static void tools(OpenAIClient client) {
    ChatCompletionCreateParams.Builder conversation =
        ChatCompletionCreateParams.builder()
            .model(MODEL)
            .temperature(0.2)
            .maxCompletionTokens(200)
            .addSystemMessage("You help customers with their orders.")
            .addUserMessage("Where is my order 42?");
    ToolApi.offerLookupOrder(conversation);
    ChatCompletionMessage first =
        client.chat().completions().create(conversation.build()).choices().get(0).message();
    conversation.addMessage(first);
    for (ToolApi.Call call : ToolApi.calls(first)) {
      System.out.println("tool " + call.name() + " " + call.arguments());
      conversation.addMessage(
          ChatCompletionToolMessageParam.builder()
              .toolCallId(call.id())
              .content(OrderDesk.lookupOrder(call.arguments()))
              .build());
    }
    ChatCompletion answer = client.chat().completions().create(conversation.build());
    System.out.println(answer.choices().get(0).message().content().orElse(""));
  }

  static void streaming(OpenAIClient client) {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("gpt-4.1-nano")
            .addUserMessage("Tell me a short story")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    StringBuilder text = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream()
          .flatMap(chunk -> chunk.choices().stream())
          .forEach(choice -> choice.delta().content().ifPresent(text::append));
    }
    System.out.println("streamed: " + text);
  }

  static void async(OpenAIClient client) throws Exception {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(MODEL)
            .addUserMessage("What is the capital of France")
            .build();
    ChatCompletion completion =
        client.async().chat().completions().create(params).get(60, TimeUnit.SECONDS);
    System.out.println("async: " + completion.choices().get(0).message().content().orElse(""));

    StringBuilder text = new StringBuilder();
    AsyncStreamResponse<ChatCompletionChunk> stream =
        client
            .async()
            .chat()
            .completions()
            .createStreaming(
                params.toBuilder()
                    .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build());
    CompletableFuture<Void> done =
        stream
            .subscribe(
                chunk ->
                    chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)))
            .onCompleteFuture();
    done.get(60, TimeUnit.SECONDS);
    System.out.println("async streamed: " + text);
  }

  static void responses(OpenAIClient client) {
    ResponseCreateParams params =
        ResponseCreateParams.builder()
            .model(MODEL)
            .instructions("Answer briefly.")
            .input("Name a colour")
            .build();
    Response response = client.responses().create(params);
    StringBuilder text = new StringBuilder();
    response.output().stream()
        .flatMap(item -> item.message().stream())
        .flatMap(message -> message.content().stream())
        .flatMap(content -> content.outputText().stream())
        .forEach(output -> text.append(output.text()));
    System.out.println("response: " + text);

    StringBuilder streamed = new StringBuilder();
    try (StreamResponse<ResponseStreamEvent> events =
        client.responses().createStreaming(params.toBuilder().input("Name a fruit").build())) {
      events.stream()
          .forEach(event -> event.outputTextDelta().ifPresent(d -> streamed.append(d.delta())));
    }
    System.out.println("response streamed: " + streamed);
  }

  static void failure(OpenAIClient client) {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(MODEL)
            .addUserMessage("This will not work [fail:500]")
            .build();
    try {
      client.chat().completions().create(params);
      System.out.println("no failure");
    } catch (RuntimeException e) {
      System.out.println("failed: " + e.getClass().getSimpleName());
    }
  }
}
