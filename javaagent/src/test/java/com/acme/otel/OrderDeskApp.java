package com.acme.otel;

import java.net.URI;

/**
 * Runs one request of the order desk. Arguments: the mode ({@code agent}: the desk served by the
 * JDK's HTTP server, with request and audit spans from the OpenTelemetry java agent's
 * {@code @WithSpan}; {@code sdk}: from an SDK the application configures, exporting to the OTLP
 * endpoint given as third argument; {@code none}: no OpenTelemetry at all), and the shipping
 * service's base URI.
 */
public final class OrderDeskApp {
  private OrderDeskApp() {}

  public static void main(String[] args) throws Exception {
    URI shipping = URI.create(args[1]);
    String answer;
    switch (args[0]) {
      case "agent" -> answer = DeskServer.askOnce(shipping);
      case "sdk" -> {
        SdkTracedRequest request = new SdkTracedRequest(args[2]);
        answer = request.handle(new OrderDesk(shipping, request), "A-17");
        request.shutdown();
      }
      default -> answer = new OrderDesk(shipping, orderId -> {}).run("A-17");
    }
    System.out.println("order desk done: " + answer);
  }
}
