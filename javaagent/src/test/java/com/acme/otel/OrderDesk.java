package com.acme.otel;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A Weft workflow whose tool calls a shipping service over HTTP and an audit step traced by
 * OpenTelemetry ({@link Audit}), so spans of both systems nest in one request.
 */
public class OrderDesk {
  private final URI shipping;
  private final Audit audit;
  private final HttpClient http = HttpClient.newHttpClient();

  public OrderDesk(URI shipping, Audit audit) {
    this.shipping = shipping;
    this.audit = audit;
  }

  @Workflow(name = "order desk")
  public String run(String orderId) throws Exception {
    return answer(orderId);
  }

  @AgentSpan(name = "Desk")
  public String answer(String orderId) throws Exception {
    return lookup(orderId);
  }

  @ToolSpan(name = "lookup")
  public String lookup(String orderId) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(shipping.resolve("/orders/" + orderId)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    audit.record(orderId);
    return "status " + response.statusCode();
  }

  /** A step of the application that OpenTelemetry traces. */
  public interface Audit {
    void record(String orderId);
  }
}
