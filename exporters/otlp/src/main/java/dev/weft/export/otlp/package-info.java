/**
 * The {@code otlp} exporter: sends Weft's spans to any OpenTelemetry backend over OTLP ({@code
 * http/protobuf}, {@code http/json} or {@code grpc}) through the OpenTelemetry SDK's exporters,
 * mapped onto the GenAI semantic conventions and OpenInference.
 */
package dev.weft.export.otlp;
