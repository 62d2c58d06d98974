package dev.weft.export.otlp;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Weft spans as an OTLP/JSON file: one {@code ExportTraceServiceRequest} in the JSON
 * encoding of the OTLP specification, which Jaeger, Phoenix and the OpenTelemetry Collector load.
 * The spans are mapped exactly as the {@code otlp} exporter sends them, and encoded by the
 * OpenTelemetry SDK's own JSON encoder, as the exporter's {@code http/json} protocol sends them.
 * The viewer's export writes the same request.
 */
public final class OtlpJson {
  /** The {@code service.name} of exported files: a trace file does not record the service. */
  public static final String SERVICE_NAME = "weft";

  private static final Resource RESOURCE =
      Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), SERVICE_NAME));
  private static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.create(OtlpExporter.SCOPE_NAME);

  private OtlpJson() {}

  /**
   * Returns the spans as one OTLP/JSON request, with the {@code invoke_workflow} span of each trace
   * whose top spans are among them (the parent of those spans). Their content is written as the
   * spans hold it: spans read from a trace file written with sensitive data switched off hold none.
   *
   * @throws IOException when the SDK could not encode them
   */
  public static String request(Collection<SpanRecord> spans) throws IOException {
    SpanMapping mapping = new SpanMapping(true, RESOURCE, SCOPE);
    List<SpanData> mapped = new ArrayList<>(spans.size() + 1);
    // The workflow span of each trace whose top spans are exported, as the exporter sends it.
    Map<String, TraceRecord> workflows = new LinkedHashMap<>();
    for (SpanRecord span : spans) {
      mapped.add(mapping.map(span));
      if (span.isLocalRoot()) {
        workflows.putIfAbsent(SpanMapping.workflowSpanId(span.trace()), span.trace());
      }
    }
    for (TraceRecord trace : workflows.values()) {
      mapped.add(mapping.mapWorkflow(trace));
    }
    return new OtlpJsonEncoding().encode(mapped);
  }
}
