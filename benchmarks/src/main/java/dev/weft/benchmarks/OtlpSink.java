package dev.weft.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OTLP/HTTP endpoint on 127.0.0.1 that accepts every export with 200 and discards it, so an
 * exporter can be "on" in a benchmark without a collector. It counts what it received, to show the
 * exporter really sent.
 */
final class OtlpSink implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private OtlpSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a sink on a free loopback port. */
  static OtlpSink start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "otlp-sink");
              t.setDaemon(true);
              return t;
            });
    OtlpSink sink = new OtlpSink(server, executor);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            sink.bytes.addAndGet(in.transferTo(OutputStream.nullOutputStream()));
          }
          sink.requests.incrementAndGet();
          // An empty body is a valid empty ExportTraceServiceResponse.
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
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
