package dev.weft.export.otlp;

import dev.weft.SpanRecord;
import dev.weft.capture.JsonText;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes Weft spans as an OTLP/JSON file: one {@code ExportTraceServiceRequest} in the JSON
 * encoding of the OTLP specification (hex ids, enum values as integers, 64-bit integers and
 * nanosecond times as strings), which Jaeger, Phoenix and the OpenTelemetry Collector load. The
 * spans are mapped exactly as the {@code otlp} exporter sends them; the viewer's export writes the
 * same file.
 *
 * <p>The OpenTelemetry SDK's own JSON marshalling is internal to it, so the encoding is written
 * here, from the mapped spans.
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
   * Returns the spans as one OTLP/JSON request. Their content is written as the spans hold it:
   * spans read from a trace file written with sensitive data switched off hold none.
   */
  public static String request(Collection<SpanRecord> spans) {
    SpanMapping mapping = new SpanMapping(true, RESOURCE, SCOPE);
    List<Object> out = new ArrayList<>(spans.size());
    for (SpanRecord span : spans) {
      out.add(span(mapping.map(span)));
    }
    Map<String, Object> scopeSpans = new LinkedHashMap<>();
    scopeSpans.put("scope", Map.of("name", SCOPE.getName()));
    scopeSpans.put("spans", out);
    Map<String, Object> resourceSpans = new LinkedHashMap<>();
    resourceSpans.put("resource", Map.of("attributes", attributes(RESOURCE.getAttributes())));
    resourceSpans.put("scopeSpans", List.of(scopeSpans));
    return JsonText.write(Map.of("resourceSpans", List.of(resourceSpans)));
  }

  private static Map<String, Object> span(OtelSpan span) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("traceId", span.getSpanContext().getTraceId());
    out.put("spanId", span.getSpanContext().getSpanId());
    SpanContext parent = span.getParentSpanContext();
    if (parent.isValid()) {
      out.put("parentSpanId", parent.getSpanId());
    }
    out.put("name", span.getName());
    // SPAN_KIND_INTERNAL = 1 ... SPAN_KIND_CONSUMER = 5, in the order of the SDK's enum.
    out.put("kind", span.getKind().ordinal() + 1);
    out.put("startTimeUnixNano", Long.toString(span.getStartEpochNanos()));
    out.put("endTimeUnixNano", Long.toString(span.getEndEpochNanos()));
    out.put("attributes", attributes(span.getAttributes()));
    if (!span.getEvents().isEmpty()) {
      List<Object> events = new ArrayList<>();
      for (EventData event : span.getEvents()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("timeUnixNano", Long.toString(event.getEpochNanos()));
        e.put("name", event.getName());
        e.put("attributes", attributes(event.getAttributes()));
        events.add(e);
      }
      out.put("events", events);
    }
    // As the SDK's encoder: a status always, empty when unset.
    Map<String, Object> status = new LinkedHashMap<>();
    if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
      status.put("message", span.getStatus().getDescription());
      status.put("code", 2);
    }
    out.put("status", status);
    return out;
  }

  /** Attributes sorted by key, each as {@code {key, value: {stringValue|intValue|...}}}. */
  private static List<Object> attributes(Attributes attributes) {
    Map<String, Object> sorted = new TreeMap<>();
    attributes.forEach((key, value) -> sorted.put(key.getKey(), value));
    List<Object> out = new ArrayList<>(sorted.size());
    sorted.forEach((key, value) -> out.add(object("key", key, "value", value(value))));
    return out;
  }

  /** A JSON object with its keys in the order given. */
  private static Map<String, Object> object(
      String key1, Object value1, String key2, Object value2) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put(key1, value1);
    object.put(key2, value2);
    return object;
  }

  private static Map<String, Object> value(Object value) {
    if (value instanceof String s) {
      return Map.of("stringValue", s);
    }
    if (value instanceof Boolean b) {
      return Map.of("boolValue", b);
    }
    if (value instanceof Long || value instanceof Integer) {
      return Map.of("intValue", value.toString());
    }
    if (value instanceof Double d) {
      return Map.of("doubleValue", d);
    }
    if (value instanceof List<?> list) {
      List<Object> values = new ArrayList<>(list.size());
      list.forEach(item -> values.add(value(item)));
      return Map.of("arrayValue", Map.of("values", values));
    }
    return Map.of("stringValue", String.valueOf(value));
  }
}
