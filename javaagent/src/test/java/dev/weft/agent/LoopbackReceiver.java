package dev.weft.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** An HTTP server on loopback that answers 200 to every request and keeps their bodies. */
final class LoopbackReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();

  private LoopbackReceiver(HttpServer server) {
    this.server = server;
  }

  static LoopbackReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LoopbackReceiver receiver = new LoopbackReceiver(server);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          synchronized (receiver) {
            receiver.received.add(
                new Received(
                    exchange.getRequestURI().getPath(),
                    "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding")),
                    body));
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return receiver;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  synchronized List<Received> requests() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** One request: its path, whether its body is gzip-compressed, and the body. */
  record Received(String path, boolean gzip, byte[] body) {}
}
