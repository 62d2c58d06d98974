package dev.weft.export.otlp;

import com.google.protobuf.ByteString;
import dev.weft.fixtures.LoopbackServer.Received;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** OTLP requests decoded with the official OpenTelemetry protobuf classes. */
final class Collected {
  private Collected() {}

  /** Decodes one request, gzip or not. */
  static ExportTraceServiceRequest decode(Received request) throws IOException {
    byte[] body = request.body();
    if ("gzip".equals(request.header("Content-Encoding"))) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    return ExportTraceServiceRequest.parseFrom(body);
  }

  /** Returns every span of every request. */
  static List<Span> spans(List<Received> requests) throws IOException {
    List<Span> spans = new ArrayList<>();
    for (Received r : requests) {
      for (ResourceSpans rs : decode(r).getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          spans.addAll(ss.getSpansList());
        }
      }
    }
    return spans;
  }

  /** Returns the resource of the first request. */
  static Resource resource(Received request) throws IOException {
    return decode(request).getResourceSpans(0).getResource();
  }

  /** Returns attributes as plain Java values: String, Long, Boolean, Double or List. */
  static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return map;
  }

  private static Object value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return v.getStringValue();
      case INT_VALUE:
        return v.getIntValue();
      case BOOL_VALUE:
        return v.getBoolValue();
      case DOUBLE_VALUE:
        return v.getDoubleValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        v.getArrayValue().getValuesList().forEach(item -> list.add(value(item)));
        return list;
      default:
        return v.toString();
    }
  }

  /** Returns the lowercase hex of an id. */
  static String hex(ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }
}
