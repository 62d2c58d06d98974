package dev.weft.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP endpoint on 127.0.0.1 that accepts every export with 200 and discards it, so an
 * exporter can be "on" in a benchmark without a collector or the OpenAI dashboard: it answers as an
 * OTLP/HTTP endpoint ({@link #otlp}) or as the OpenAI traces ingest endpoint ({@link
 * #openAiIngest}). It counts what it received, to show the exporter really sent.
 */
final class LoopbackSink implements AutoCloseable {
  /**
   * The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise (the property is read
   * when the first server of the JVM starts), and on loopback an exchange then often waits for a
   * delayed acknowledgement, some 40 ms: the OpenAI exporter's rate to the ingest sink was a
   * quarter of what it is with it off. An explicit {@code -Dsun.net.httpserver.nodelay=false} is
   * kept, to compare.
   */
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private LoopbackSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts an OTLP/HTTP sink on a free loopback port: 200 with an empty protobuf body. */
  static LoopbackSink otlp() throws IOException {
    // An empty body is a valid empty ExportTraceServiceResponse.
    return start("application/x-protobuf", new byte[0]);
  }

  /** Starts an OpenAI traces ingest sink on a free loopback port: 200 with an empty JSON object. */
  static LoopbackSink openAiIngest() throws IOException {
    return start("application/json", "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static LoopbackSink start(String contentType, byte[] answer) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "loopback-sink");
              t.setDaemon(true);
              return t;
            });
    LoopbackSink sink = new LoopbackSink(server, executor);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            sink.bytes.addAndGet(in.transferTo(OutputStream.nullOutputStream()));
          }
          sink.requests.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
          exchange.close();
        });
    server.setExecutor(executor);
    server.start();
    return sink;
  }

  /** Returns the base URL of the sink, for example {@code http://127.0.0.1:40123}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns how many export requests arrived. */
  long requests() {
    return requests.get();
  }

  /** Returns how many body bytes arrived. */
  long bytes() {
    return bytes.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
