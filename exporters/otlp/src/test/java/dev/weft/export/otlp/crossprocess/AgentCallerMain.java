package dev.weft.export.otlp.crossprocess;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Process A of the cross-process test: an agent whose tool calls the tool service over HTTP,
 * passing its context in a {@code traceparent} header. Prints the trace id, then exits after
 * exporting.
 */
public final class AgentCallerMain {
  private AgentCallerMain() {}

  /** Runs the agent against the tool service at {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (Trace trace = Tracing.trace("support agent").groupId("conv-x").start();
        Span agent = Tracing.startAgentSpan("Support")) {
      try (Span tool = Tracing.startFunctionSpan("lookup_order", "{\"id\":7}")) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(args[0]))
                .header("traceparent", Tracing.currentTraceparent())
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":7}"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("tool service answered " + response.statusCode());
        }
      }
      System.out.println(trace.traceId());
    }
    Tracing.shutdown();
  }
}
