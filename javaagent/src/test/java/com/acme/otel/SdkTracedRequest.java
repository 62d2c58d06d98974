package com.acme.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * The request and audit spans as an application makes them with an OpenTelemetry SDK of its own,
 * registered as {@link GlobalOpenTelemetry}, exporting OTLP to {@code endpoint}.
 */
public class SdkTracedRequest implements OrderDesk.Audit {
  private final SdkTracerProvider provider;
  private final Tracer tracer;

  public SdkTracedRequest(String endpoint) {
    provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build()))
            .build();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
    tracer = GlobalOpenTelemetry.getTracer("com.acme.otel");
  }

  public String handle(OrderDesk desk, String orderId) throws Exception {
    Span span = tracer.spanBuilder("handle request").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return desk.run(orderId);
    } finally {
      span.end();
    }
  }

  @Override
  public void record(String orderId) {
    tracer.spanBuilder("audit").startSpan().end();
  }

  public void shutdown() {
    provider.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
