package com.acme.otel;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The order desk served over HTTP by the JDK's own server, which the OpenTelemetry java agent
 * traces as a server span; the application calls it once and prints the answer.
 */
final class DeskServer {
  private DeskServer() {}

  /** Serves the desk on a loopback port, asks it for order A-17, and returns its answer. */
  static String askOnce(URI shipping) throws Exception {
    AgentTracedRequest request = new AgentTracedRequest();
    OrderDesk desk = new OrderDesk(shipping, request);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/desk",
        exchange -> {
          byte[] body;
          int status;
          try {
            body = request.handle(desk, "A-17").getBytes(StandardCharsets.UTF_8);
            status = 200;
          } catch (Exception e) {
            body = e.toString().getBytes(StandardCharsets.UTF_8);
            status = 500;
          }
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      URI address = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/desk");
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(address).GET().build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } finally {
      server.stop(0);
    }
  }
}
