/**
 * The {@code otlp} exporter: sends Weft's spans to any OpenTelemetry backend over OTLP/HTTP through
 * the OpenTelemetry SDK's exporter, mapped onto the GenAI semantic conventions and OpenInference.
 */
package dev.weft.export.otlp;
