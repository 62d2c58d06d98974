package dev.weft.sample.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LangChain4j sample run under the agent with the {@code otlp} exporter, sending to a loopback
 * collector: what arrives decodes with the official protobuf classes and carries the GenAI
 * conventions' names, kinds and attributes for the workflow, the agent, its model calls and tools.
 */
class LangChain4jSampleOtlpIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path traces;

  @Test
  void theSamplesOtlpOutput_carriesTheGenAiConventions() throws Exception {
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    HttpServer collector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            bodies.add(body);
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try {
      String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";
      TracedRun.traced(
          traces,
          List.of(
              "-Dweft.exporters=json,otlp",
              "-Dweft.otlp.endpoint=" + endpoint,
              "-Dotel.service.name=support-desk"),
          "-jar",
          TracedRun.SAMPLE_JAR.toString());
    } finally {
      collector.stop(0);
    }

    List<Span> spans = new ArrayList<>();
    Resource resource = null;
    for (byte[] body : bodies) {
      for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
        resource = rs.getResource();
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          assertThat(ss.getScope().getName()).isEqualTo("dev.weft");
          spans.addAll(ss.getSpansList());
        }
      }
    }
    assertThat(resource).isNotNull();
    assertThat(attributes(resource.getAttributesList()))
        .containsEntry("service.name", "support-desk");
    assertThat(spans).isNotEmpty();
    assertThat(spans)
        .allSatisfy(
            span ->
                assertThat(attributes(span.getAttributesList()))
                    .doesNotContainKey("gen_ai.system"));

    // Each trace is an invoke_workflow span at the root, its agent under it.
    List<Span> workflows = withOperation(spans, "invoke_workflow");
    assertThat(workflows).hasSize(4);
    assertThat(workflows).allSatisfy(w -> assertThat(w.getParentSpanId().isEmpty()).isTrue());
    List<Span> agents = withOperation(spans, "invoke_agent");
    assertThat(agents).isNotEmpty();
    assertThat(agents)
        .allSatisfy(
            agent -> {
              assertThat(agent.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
              assertThat(agent.getName()).startsWith("invoke_agent");
              assertThat(attributes(agent.getAttributesList())).containsKey("gen_ai.agent.name");
            });
    assertThat(workflows)
        .allSatisfy(
            w ->
                assertThat(spans)
                    .anySatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(w.getSpanId())));

    // Model calls: CLIENT spans named after the model, with provider, usage and the messages.
    List<Span> chats = withOperation(spans, "chat");
    assertThat(chats).isNotEmpty();
    for (Span chat : chats) {
      Map<String, Object> a = attributes(chat.getAttributesList());
      assertThat(chat.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
      assertThat(chat.getName()).isEqualTo("chat gpt-4.1-mini");
      assertThat(a)
          .containsEntry("gen_ai.request.model", "gpt-4.1-mini")
          .containsEntry("gen_ai.provider.name", "openai");
      assertThat((Long) a.get("gen_ai.usage.input_tokens")).isPositive();
      assertThat((Long) a.get("gen_ai.usage.output_tokens")).isPositive();
      JsonNode input = JSON.readTree((String) a.get("gen_ai.input.messages"));
      assertThat(input.isArray()).isTrue();
      assertThat(input).allSatisfy(m -> assertThat(m.has("role") && m.has("parts")).isTrue());
      JsonNode output = JSON.readTree((String) a.get("gen_ai.output.messages"));
      assertThat(output.get(0).get("finish_reason").isTextual()).isTrue();
    }

    // The tool loop: the model's tool calls as tool_call parts, each run as an execute_tool span
    // that carries the model's id for the call.
    Map<String, String> callIdsToNames = new HashMap<>();
    for (Span chat : chats) {
      JsonNode output =
          JSON.readTree(
              (String) attributes(chat.getAttributesList()).get("gen_ai.output.messages"));
      for (JsonNode message : output) {
        for (JsonNode part : message.get("parts")) {
          if (part.get("type").asText().equals("tool_call")) {
            callIdsToNames.put(part.get("id").asText(), part.get("name").asText());
          }
        }
      }
    }
    assertThat(callIdsToNames).isNotEmpty();
    List<Span> tools = withOperation(spans, "execute_tool");
    assertThat(tools).hasSizeGreaterThanOrEqualTo(callIdsToNames.size());
    for (Map.Entry<String, String> call : callIdsToNames.entrySet()) {
      assertThat(tools)
          .anySatisfy(
              tool -> {
                Map<String, Object> a = attributes(tool.getAttributesList());
                assertThat(a)
                    .containsEntry("gen_ai.tool.call.id", call.getKey())
                    .containsEntry("gen_ai.tool.name", call.getValue())
                    .containsEntry("gen_ai.tool.type", "function");
                assertThat(tool.getName()).isEqualTo("execute_tool " + call.getValue());
              });
    }
  }

  private static List<Span> withOperation(List<Span> spans, String operation) {
    return spans.stream()
        .filter(
            s -> operation.equals(attributes(s.getAttributesList()).get("gen_ai.operation.name")))
        .toList();
  }

  private static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> out = new HashMap<>();
    for (KeyValue kv : list) {
      out.put(kv.getKey(), value(kv.getValue()));
    }
    return out;
  }

  private static Object value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> value.getIntValue();
      case BOOL_VALUE -> value.getBoolValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      default -> value.toString();
    };
  }
}
