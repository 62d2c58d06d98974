package dev.weft.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that answers like an OpenAI chat-completions endpoint, routing by the
 * system message the way a model following the sample's instructions would.
 */
final class ChatCompletionsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Received(String method, String path, String authorization, JsonNode body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger completions = new AtomicInteger();
  private volatile int failWithStatus;

  ChatCompletionsServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<Received> received() {
    return received;
  }

  void failWith(int status) {
    failWithStatus = status;
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    if (failWithStatus != 0) {
      send(exchange, failWithStatus, "{\"error\":{\"message\":\"overloaded\"}}");
      return;
    }
    String system = body.path("messages").path(0).path("content").asText();
    String user = body.path("messages").path(1).path("content").asText();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", "chatcmpl-loopback-" + completions.incrementAndGet());
    answer.put("object", "chat.completion");
    answer.put("model", body.path("model").asText() + "-2025-04-14");
    ObjectNode message = answer.putArray("choices").addObject().putObject("message");
    message.put("role", "assistant");
    message.put("content", reply(system, user));
    answer.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20);
    send(exchange, 200, answer.toString());
  }

  private static String reply(String system, String user) {
    if (system.startsWith("Route")) {
      return user.toLowerCase(Locale.ROOT).contains("sponsor")
          ? "Sponsorship specialist"
          : "Transcript specialist";
    }
    if (system.contains("keywords")) {
      return "memory, heap, garbage collection";
    }
    return "HOST: a real answer from the endpoint.";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
