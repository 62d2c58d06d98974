package dev.weft.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A real OpenAI-compatible chat-completions endpoint ({@code POST <base>/chat/completions}). */
final class OpenAiChatBackend implements ChatBackend {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI endpoint;
  private final String model;
  private final String apiKey;

  OpenAiChatBackend(HttpClient http, String baseUrl, String model, String apiKey) {
    this.http = http;
    this.endpoint = URI.create(stripTrailingSlash(baseUrl) + "/chat/completions");
    this.model = model;
    this.apiKey = apiKey;
  }

  @Override
  public ModelResponse complete(String agent, List<Message> messages) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestBody(messages)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("chat completion for " + agent + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + agent + " waited for the model", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new ModelCallException(response.statusCode(), abbreviate(response.body()));
    }
    return parse(response.body());
  }

  @Override
  public String describe() {
    return model + " at " + endpoint;
  }

  private String requestBody(List<Message> messages) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    ArrayNode array = body.putArray("messages");
    for (Message message : messages) {
      array.addObject().put("role", message.role()).put("content", message.content());
    }
    return body.toString();
  }

  private ModelResponse parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new ModelCallException(200, "the answer is not JSON: " + abbreviate(body));
    }
    JsonNode content = root.path("choices").path(0).path("message").path("content");
    if (!content.isTextual()) {
      throw new ModelCallException(200, "the answer has no message content: " + abbreviate(body));
    }
    JsonNode usage = root.path("usage");
    return new ModelResponse(
        root.path("id").asText(""),
        root.path("model").asText(model),
        content.asText(),
        new TokenUsage(
            usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0)));
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  /** A chat-completions call that the service refused or answered with something unusable. */
  static final class ModelCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModelCallException(int status, String detail) {
      super("chat completion failed with HTTP " + status + ": " + detail);
    }
  }
}
