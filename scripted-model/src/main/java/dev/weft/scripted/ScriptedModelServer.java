package dev.weft.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible chat-completions endpoint on loopback ({@code POST /v1/chat/completions})
 * that answers from a {@link Script}: text, tool calls, JSON output, as one response or as a
 * server-sent event stream, and failures (an HTTP error status, a stream that breaks off). Every
 * request is kept for assertions, unless the server was started with {@link #startCounting}. It
 * listens on 127.0.0.1 only. A minimal Responses API endpoint ({@code POST /v1/responses}) answers
 * from the same script, see {@code ResponsesReplies}.
 *
 * <pre>{@code
 * try (ScriptedModelServer server = ScriptedModelServer.start(Scripts.conversational())) {
 *   String baseUrl = server.baseUrl();   // http://127.0.0.1:<port>/v1
 * }
 * }</pre>
 */
public final class ScriptedModelServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads;
  private final Script script;
  private final List<ModelRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final boolean keepRequests;
  private final AtomicLong received = new AtomicLong();
  private final AtomicInteger ids = new AtomicInteger();

  private ScriptedModelServer(
      HttpServer server, ExecutorService threads, Script script, boolean keepRequests) {
    this.server = server;
    this.threads = threads;
    this.script = script;
    this.keepRequests = keepRequests;
  }

  /** Starts a server on a free loopback port. */
  public static ScriptedModelServer start(Script script) throws IOException {
    return start(script, 0);
  }

  /** Starts a server on the given loopback port (0 for a free one). */
  public static ScriptedModelServer start(Script script, int port) throws IOException {
    return start(script, port, true);
  }

  /**
   * Starts a server on a free loopback port that counts the requests it answers instead of keeping
   * them ({@link #requests()} stays empty, {@link #requestCount()} counts): for load runs, where
   * keeping every request's parsed body would grow the heap by a gigabyte every few minutes and
   * make the process serving the load collect ever more garbage while it is measured.
   */
  public static ScriptedModelServer startCounting(Script script) throws IOException {
    return start(script, 0, false);
  }

  private static ScriptedModelServer start(Script script, int port, boolean keepRequests)
      throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "scripted-model");
              thread.setDaemon(true);
              return thread;
            });
    ScriptedModelServer server = new ScriptedModelServer(http, threads, script, keepRequests);
    http.createContext("/", server::handle);
    http.setExecutor(threads);
    http.start();
    return server;
  }

  /** Returns the base URL an OpenAI client takes, {@code http://127.0.0.1:<port>/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Returns the port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Returns the requests received so far, in order; none from a server started with {@link
   * #startCounting}.
   */
  public List<ModelRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Returns how many chat or responses requests were received so far, kept or not. */
  public long requestCount() {
    return received.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean responsesApi = path.endsWith("/responses");
      if (!"POST".equals(exchange.getRequestMethod())
          || !(path.endsWith("/chat/completions") || responsesApi)) {
        send(exchange, 404, "{\"error\":{\"message\":\"not found: " + path + "\"}}");
        return;
      }
      JsonNode root;
      try {
        root = JSON.readTree(body);
      } catch (IOException e) {
        send(exchange, 400, "{\"error\":{\"message\":\"the body is not JSON\"}}");
        return;
      }
      ModelRequest request = ModelRequest.of(path, root);
      received.incrementAndGet();
      if (keepRequests) {
        requests.add(request);
      }
      Reply reply;
      try {
        reply = script.answer(request);
      } catch (RuntimeException e) {
        send(exchange, 500, errorJson("the script failed: " + e));
        return;
      }
      answer(exchange, request, reply);
    }
  }

  private void answer(HttpExchange exchange, ModelRequest request, Reply reply) throws IOException {
    if (reply instanceof Reply.Failure failure) {
      if (failure.retryAfterSeconds() > 0) {
        exchange.getResponseHeaders().set("retry-after", "" + failure.retryAfterSeconds());
      }
      send(exchange, failure.status(), errorJson(failure.message()));
      return;
    }
    if (request.path().endsWith("/responses")) {
      ResponsesReplies.answer(exchange, request, reply, ids.incrementAndGet());
      return;
    }
    String id = "chatcmpl-" + ids.incrementAndGet();
    if (!request.stream()) {
      send(exchange, 200, JSON.writeValueAsString(completion(id, request, reply)));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (ObjectNode chunk : chunks(id, request, reply)) {
      event(out, JSON.writeValueAsString(chunk));
    }
    if (reply instanceof Reply.BrokenStream) {
      // The stream breaks off in the middle of an event: no finish reason, no [DONE].
      out.write("data: {\"id\":\"".getBytes(StandardCharsets.UTF_8));
      out.flush();
      return;
    }
    event(out, "[DONE]");
    out.flush();
  }

  private ObjectNode completion(String id, ModelRequest request, Reply reply) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", "chat.completion");
    root.put("created", 1_764_000_000L);
    root.put("model", request.model());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (reply instanceof Reply.ToolCalls calls) {
      message.putNull("content");
      ArrayNode toolCalls = message.putArray("tool_calls");
      int i = 0;
      for (Reply.Call call : calls.calls()) {
        ObjectNode toolCall = toolCalls.addObject();
        toolCall.put("id", callId(id, i++));
        toolCall.put("type", "function");
        toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
      choice.put("finish_reason", "tool_calls");
    } else {
      message.put("content", text(reply));
      choice.put("finish_reason", "stop");
    }
    root.set("usage", usage(request, reply));
    return root;
  }

  private List<ObjectNode> chunks(String id, ModelRequest request, Reply reply) {
    List<ObjectNode> chunks = new ArrayList<>();
    if (reply instanceof Reply.ToolCalls calls) {
      int i = 0;
      for (Reply.Call call : calls.calls()) {
        ObjectNode delta = JSON.createObjectNode();
        if (i == 0) {
          delta.put("role", "assistant");
        }
        ObjectNode toolCall = delta.putArray("tool_calls").addObject();
        toolCall.put("index", i);
        toolCall.put("id", callId(id, i));
        toolCall.put("type", "function");
        toolCall.putObject("function").put("name", call.name()).put("arguments", "");
        chunks.add(chunk(id, request, delta, null));
        for (String piece : pieces(call.arguments())) {
          ObjectNode more = JSON.createObjectNode();
          ObjectNode fragment = more.putArray("tool_calls").addObject();
          fragment.put("index", i);
          fragment.putObject("function").put("arguments", piece);
          chunks.add(chunk(id, request, more, null));
        }
        i++;
      }
      chunks.add(chunk(id, request, JSON.createObjectNode(), "tool_calls"));
    } else {
      List<String> pieces = pieces(text(reply));
      boolean broken = reply instanceof Reply.BrokenStream;
      for (int i = 0; i < pieces.size(); i++) {
        ObjectNode delta = JSON.createObjectNode();
        if (i == 0) {
          delta.put("role", "assistant");
        }
        delta.put("content", pieces.get(i));
        chunks.add(chunk(id, request, delta, null));
        if (broken && i == pieces.size() / 2) {
          return chunks;
        }
      }
      chunks.add(chunk(id, request, JSON.createObjectNode(), "stop"));
    }
    if (request.body().path("stream_options").path("include_usage").asBoolean(false)) {
      ObjectNode last = JSON.createObjectNode();
      last.put("id", id);
      last.put("object", "chat.completion.chunk");
      last.put("created", 1_764_000_000L);
      last.put("model", request.model());
      last.putArray("choices");
      last.set("usage", usage(request, reply));
      chunks.add(last);
    }
    return chunks;
  }

  private ObjectNode chunk(String id, ModelRequest request, ObjectNode delta, String finish) {
    ObjectNode chunk = JSON.createObjectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", 1_764_000_000L);
    chunk.put("model", request.model());
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk;
  }

  /** Token counts that follow from the texts, so a test can predict them: a token per 4 chars. */
  private ObjectNode usage(ModelRequest request, Reply reply) {
    int prompt = Math.max(1, request.body().path("messages").toString().length() / 4);
    String out = reply instanceof Reply.ToolCalls calls ? calls.toString() : text(reply);
    int completion = Math.max(1, out.length() / 4);
    ObjectNode usage = JSON.createObjectNode();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    usage.putObject("prompt_tokens_details").put("cached_tokens", prompt / 2);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", completion / 3);
    return usage;
  }

  static String text(Reply reply) {
    if (reply instanceof Reply.Text text) {
      return text.content();
    }
    if (reply instanceof Reply.BrokenStream broken) {
      return broken.content();
    }
    return "";
  }

  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int step = Math.max(1, text.length() / 4);
    for (int i = 0; i < text.length(); i += step) {
      pieces.add(text.substring(i, Math.min(text.length(), i + step)));
    }
    if (pieces.isEmpty()) {
      pieces.add("");
    }
    return pieces;
  }

  private static String callId(String completionId, int index) {
    return "call_" + completionId.substring(completionId.indexOf('-') + 1) + "_" + index;
  }

  private static String errorJson(String message) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("message", message).put("type", "scripted_error");
    return JSON.writeValueAsString(root);
  }

  static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
