package dev.weft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * OTLP/JSON files decoded with the official protobuf classes and parser. OTLP/JSON writes ids as
 * hex where proto3 JSON has base64, the one difference the specification makes; the ids are turned
 * into base64 first, then {@link JsonFormat}'s parser, which rejects unknown fields and wrong
 * types, reads the rest.
 */
final class OtlpJsonFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

  private OtlpJsonFiles() {}

  static ExportTraceServiceRequest parse(String json) throws IOException {
    JsonNode tree = JSON.readTree(json);
    hexIdsToBase64(tree);
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    JsonFormat.parser().merge(JSON.writeValueAsString(tree), request);
    return request.build();
  }

  static List<Span> spans(ExportTraceServiceRequest request) {
    List<Span> spans = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        spans.addAll(ss.getSpansList());
      }
    }
    return spans;
  }

  static String hex(com.google.protobuf.ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }

  private static void hexIdsToBase64(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String field : ID_FIELDS) {
        JsonNode id = object.get(field);
        if (id != null && id.isTextual()) {
          if (!id.asText().matches("[0-9a-f]*")) {
            throw new IllegalArgumentException(field + " is not lower-case hex: " + id);
          }
          object.put(
              field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(id.asText())));
        }
      }
    }
    node.forEach(OtlpJsonFiles::hexIdsToBase64);
  }
}
