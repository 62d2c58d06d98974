package com.acme.otel;

import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * The request and audit spans as the OpenTelemetry java agent makes them, from {@code @WithSpan}.
 */
public class AgentTracedRequest implements OrderDesk.Audit {

  @WithSpan("handle request")
  public String handle(OrderDesk desk, String orderId) throws Exception {
    return desk.run(orderId);
  }

  @WithSpan("audit")
  @Override
  public void record(String orderId) {}
}
