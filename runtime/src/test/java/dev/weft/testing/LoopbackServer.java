package dev.weft.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 (a free port) for exporter tests: it records every request and
 * answers with scripted responses, then 200; a {@link Answer#hang()} answer never responds until
 * the server closes.
 */
public final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Answer fallback = Answer.status(200);

  private LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(daemon()));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server answering 200 to everything not scripted. */
  public static LoopbackServer start() throws IOException {
    return new LoopbackServer();
  }

  /** Returns the URL of {@code path} on this server. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Queues answers for the next requests, in order. */
  public LoopbackServer answer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Sets the answer to requests once the script is used up. */
  public LoopbackServer otherwise(Answer answer) {
    fallback = answer;
    return this;
  }

  /** Returns the requests received so far. */
  public synchronized List<Received> requests() {
    return List.copyOf(received);
  }

  /** Waits until at least {@code count} requests arrived; returns them. */
  public List<Received> awaitRequests(int count, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    synchronized (this) {
      while (received.size() < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          break;
        }
        wait(left);
      }
      return List.copyOf(received);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    long at = System.nanoTime();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    synchronized (this) {
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body,
              at));
      notifyAll();
    }
    Answer answer = script.poll();
    if (answer == null) {
      answer = fallback;
    }
    if (answer.hangs) {
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    answer.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] out = answer.body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status, out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "loopback-server");
      t.setDaemon(true);
      return t;
    };
  }

  /** One request as the server saw it. */
  public record Received(
      String method, String path, Map<String, List<String>> headers, byte[] body, long atNanos) {

    /** Returns the first value of a header, matched without regard to case, or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    /** Returns the body as UTF-8 text. */
    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** A scripted answer: status, headers and body, or no answer at all. */
  public record Answer(int status, Map<String, String> headers, String body, boolean hangs) {

    /** Returns an answer with a status and no body. */
    public static Answer status(int status) {
      return new Answer(status, Map.of(), "", false);
    }

    /** Returns an answer with a status and headers. */
    public static Answer status(int status, Map<String, String> headers) {
      return new Answer(status, headers, "", false);
    }

    /** Returns an answer that never comes. */
    public static Answer hang() {
      return new Answer(0, Map.of(), "", true);
    }
  }
}
