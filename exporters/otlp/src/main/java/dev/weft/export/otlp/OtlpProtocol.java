package dev.weft.export.otlp;

import java.net.URI;
import java.util.Locale;

/**
 * The OTLP transports the exporter speaks, by the names of {@code OTEL_EXPORTER_OTLP_PROTOCOL},
 * each with the endpoint the OpenTelemetry specification gives it when nothing names one.
 */
enum OtlpProtocol {
  /** Protobuf bodies posted over HTTP: the default. */
  HTTP_PROTOBUF("http/protobuf", URI.create("http://localhost:4318/v1/traces")),
  /** OTLP's JSON encoding posted over HTTP. */
  HTTP_JSON("http/json", URI.create("http://localhost:4318/v1/traces")),
  /** The collector's gRPC {@code TraceService}, over HTTP/2. */
  GRPC("grpc", URI.create("http://localhost:4317"));

  private final String value;
  private final URI defaultEndpoint;

  OtlpProtocol(String value, URI defaultEndpoint) {
    this.value = value;
    this.defaultEndpoint = defaultEndpoint;
  }

  /** Returns the protocol named {@code value} (any case, spaces around ignored), or null. */
  static OtlpProtocol named(String value) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (OtlpProtocol protocol : values()) {
      if (protocol.value.equals(wanted)) {
        return protocol;
      }
    }
    return null;
  }

  /** Returns the protocol's name as {@code OTEL_EXPORTER_OTLP_PROTOCOL} spells it. */
  String value() {
    return value;
  }

  /** Returns where spans go when no endpoint is configured. */
  URI defaultEndpoint() {
    return defaultEndpoint;
  }

  /**
   * Returns whether the general {@code OTEL_EXPORTER_OTLP_ENDPOINT} gets the signal's path {@code
   * v1/traces} appended: for the HTTP protocols only, since gRPC names the service in its own
   * request path.
   */
  boolean appendsSignalPath() {
    return this != GRPC;
  }

  @Override
  public String toString() {
    return value;
  }
}
