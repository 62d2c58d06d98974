package dev.weft.export.otlp;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Makes the OpenTelemetry SDK exporter that sends spans by the configured protocol: {@code
 * http/protobuf} through {@link OtlpHttpSpanExporter} with the JDK's HTTP client, {@code grpc}
 * through {@link OtlpGrpcSpanExporter} with the SDK's OkHttp sender (the JDK's client cannot read
 * gRPC's trailers), {@code http/json} through {@link OtlpJsonHttpExporter}.
 */
final class OtlpTransport {
  private OtlpTransport() {}

  /** Returns the SDK exporter for {@code settings}. */
  static SpanExporter create(OtlpSettings settings) {
    ClassLoader loader = OtlpTransport.class.getClassLoader();
    switch (settings.protocol()) {
      case GRPC:
        return grpc(settings, ComponentLoader.forClassLoader(loader));
      case HTTP_JSON:
        return new OtlpJsonHttpExporter(settings);
      case HTTP_PROTOBUF:
      default:
        return httpProtobuf(settings, new JdkSenderFirst(loader));
    }
  }

  private static SpanExporter httpProtobuf(OtlpSettings settings, ComponentLoader components) {
    OtlpHttpSpanExporterBuilder builder =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(settings.endpoint().toString())
            .setTimeout(settings.timeout())
            .setConnectTimeout(settings.timeout())
            .setCompression(settings.compression())
            // The default reaches for GlobalOpenTelemetry, which could start the application's
            // own SDK; the exporter's self-metrics are not wanted anyway.
            .setMeterProvider(MeterProvider::noop)
            .setComponentLoader(components);
    settings.headers().forEach(builder::addHeader);
    if (settings.tls() != null) {
      builder.setSslContext(settings.tls().sslContext(), settings.tls().trustManager());
    }
    return builder.build();
  }

  private static SpanExporter grpc(OtlpSettings settings, ComponentLoader components) {
    OtlpGrpcSpanExporterBuilder builder =
        OtlpGrpcSpanExporter.builder()
            .setEndpoint(settings.endpoint().toString())
            .setTimeout(settings.timeout())
            .setConnectTimeout(settings.timeout())
            .setCompression(settings.compression())
            .setMeterProvider(MeterProvider::noop)
            .setComponentLoader(components);
    settings.headers().forEach(builder::addHeader);
    if (settings.tls() != null) {
      builder.setSslContext(settings.tls().sslContext(), settings.tls().trustManager());
    }
    return builder.build();
  }
}
