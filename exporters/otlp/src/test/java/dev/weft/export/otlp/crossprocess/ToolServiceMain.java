package dev.weft.export.otlp.crossprocess;

import com.sun.net.httpserver.HttpServer;
import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.data.FunctionSpanData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Process B of the cross-process test: a tool service that continues the caller's trace from the
 * {@code traceparent} header of each request. Prints its port, serves until standard input closes,
 * then shuts tracing down so everything is exported.
 */
public final class ToolServiceMain {
  private ToolServiceMain() {}

  /** Runs the service. */
  public static void main(String[] args) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/tool",
        exchange -> {
          String input;
          try (InputStream in = exchange.getRequestBody()) {
            input = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          String header = exchange.getRequestHeaders().getFirst("traceparent");
          byte[] answer;
          try (Trace trace = Tracing.continueTrace(header, "tool service");
              Span span = Tracing.startFunctionSpan("lookup_order", input)) {
            String output = "{\"status\":\"shipped\"}";
            span.setData(new FunctionSpanData("lookup_order", input, output, null));
            answer = output.getBytes(StandardCharsets.UTF_8);
          }
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    System.out.println(server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the test closes our input
    }
    server.stop(0);
    Tracing.shutdown();
  }
}
