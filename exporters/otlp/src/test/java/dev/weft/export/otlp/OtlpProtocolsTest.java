package dev.weft.export.otlp;

import static dev.weft.export.otlp.Collected.attributes;
import static dev.weft.export.otlp.Collected.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.data.FunctionSpanData;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Received;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each protocol end to end as users select it: {@code weft.exporters=otlp} with the {@code otel.*}
 * system properties the OpenTelemetry SDK for Java reads, sending to a real receiver on the
 * loopback interface that decodes what arrived with the official OTLP classes.
 */
class OtlpProtocolsTest {
  private static final String PREFIX = "otel.exporter.otlp.";
  private final List<String> properties = new ArrayList<>();

  @AfterEach
  void reset() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    properties.forEach(System::clearProperty);
  }

  private void set(String name, String value) {
    System.setProperty(name, value);
    properties.add(name);
  }

  /** Sends one trace of an agent span and a tool span through the configured exporter. */
  private String sendOneTrace(String weftArgs) {
    Tracing.configure(WeftConfig.load("exporters=otlp;" + weftArgs));
    String traceId;
    try (Trace trace = Tracing.startTrace("protocols");
        Span agent = Tracing.startAgentSpan("Planner")) {
      traceId = trace.traceId();
      FunctionSpanData lookup =
          FunctionSpanData.of("lookup", "{\"q\":\"tides\"}").withOutput("high at noon");
      Tracing.startSpan(lookup).close();
    }
    Tracing.forceFlush();
    return traceId;
  }

  @Test
  void httpProtobuf_isTheDefault_withHeadersAndGzipAsReceived() throws Exception {
    try (LoopbackServer server = LoopbackServer.start()) {
      set(PREFIX + "endpoint", server.uri("/collector").toString());
      set(PREFIX + "headers", "api-key=s%20ecret,x-team=agents");
      set(PREFIX + "compression", "gzip");
      set("otel.service.name", "desk");

      String traceId = sendOneTrace("");

      Received request = server.awaitRequests(1, 10_000).get(0);
      assertThat(request.path()).isEqualTo("/collector/v1/traces");
      assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
      assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(request.header("api-key")).isEqualTo("s ecret");
      assertThat(request.header("x-team")).isEqualTo("agents");
      List<io.opentelemetry.proto.trace.v1.Span> spans = Collected.spans(List.of(request));
      assertThat(spans)
          .extracting(io.opentelemetry.proto.trace.v1.Span::getName)
          .containsExactly(
              "execute_tool lookup", "invoke_agent Planner", "invoke_workflow protocols");
      assertThat(hex(spans.get(0).getTraceId())).isEqualTo(traceId.substring(6));
      assertThat(spans.get(0).getParentSpanId()).isEqualTo(spans.get(1).getSpanId());
      assertThat(attributes(Collected.resource(request).getAttributesList()))
          .contains(entry("service.name", "desk"));
    }
  }

  @Test
  void httpJson_postsOtlpJson_withHexIdsHeadersAndGzip() throws Exception {
    try (LoopbackServer server = LoopbackServer.start()) {
      set(PREFIX + "traces.endpoint", server.uri("/otlp/json").toString());
      set(PREFIX + "traces.headers", "authorization=Bearer%20t0ken");
      set(PREFIX + "compression", "gzip");
      set("otel.resource.attributes", "service.name=json-desk,deployment.environment=test");

      String traceId = sendOneTrace("otlp.protocol=http/json");

      Received request = server.awaitRequests(1, 10_000).get(0);
      assertThat(request.path()).isEqualTo("/otlp/json");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(request.header("authorization")).isEqualTo("Bearer t0ken");
      JsonNode body;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
        body = new ObjectMapper().readTree(in);
      }
      JsonNode resourceSpans = body.path("resourceSpans").get(0);
      assertThat(keyValues(resourceSpans.path("resource").path("attributes")))
          .contains(entry("service.name", "json-desk"), entry("deployment.environment", "test"));
      JsonNode scope = resourceSpans.path("scopeSpans").get(0);
      assertThat(scope.path("scope").path("name").asText()).isEqualTo("dev.weft");
      JsonNode tool = scope.path("spans").get(0);
      JsonNode agent = scope.path("spans").get(1);
      assertThat(tool.path("name").asText()).isEqualTo("execute_tool lookup");
      assertThat(agent.path("name").asText()).isEqualTo("invoke_agent Planner");
      // OTLP/JSON writes ids as hex, not base64.
      assertThat(tool.path("traceId").asText()).isEqualTo(traceId.substring(6));
      assertThat(tool.path("parentSpanId").asText()).isEqualTo(agent.path("spanId").asText());
      JsonNode workflow = scope.path("spans").get(2);
      assertThat(workflow.path("name").asText()).isEqualTo("invoke_workflow protocols");
      assertThat(agent.path("parentSpanId").asText()).isEqualTo(workflow.path("spanId").asText());
      assertThat(agent.path("spanId").asText()).matches("[0-9a-f]{16}");
      assertThat(keyValues(tool.path("attributes")))
          .contains(
              entry("gen_ai.operation.name", "execute_tool"),
              entry("gen_ai.tool.name", "lookup"),
              entry("input.value", "{\"q\":\"tides\"}"),
              entry("output.value", "high at noon"));
    }
  }

  @Test
  void grpc_sendsToTheTraceService_withMetadataAndGzip() throws Exception {
    try (GrpcReceiver receiver = GrpcReceiver.start()) {
      set(PREFIX + "protocol", "grpc");
      set(PREFIX + "endpoint", receiver.uri("http").toString());
      set(PREFIX + "headers", "api-key=s%20ecret");
      set(PREFIX + "traces.compression", "gzip");

      String traceId = sendOneTrace("");

      List<GrpcReceiver.Call> calls = receiver.awaitCalls(1, 10_000);
      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).header("api-key")).isEqualTo("s ecret");
      assertThat(calls.get(0).header("grpc-encoding")).isEqualTo("gzip");
      List<io.opentelemetry.proto.trace.v1.Span> spans = GrpcReceiver.spans(calls);
      assertThat(spans)
          .extracting(io.opentelemetry.proto.trace.v1.Span::getName)
          .containsExactly(
              "execute_tool lookup", "invoke_agent Planner", "invoke_workflow protocols");
      assertThat(hex(spans.get(1).getTraceId())).isEqualTo(traceId.substring(6));
      assertThat(attributes(spans.get(0).getAttributesList()))
          .contains(entry("gen_ai.tool.name", "lookup"), entry("weft.span.type", "function"));
    }
  }

  @Test
  void grpc_withAnUnreachableEndpoint_reportsOnceAndTheApplicationGoesOn() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    dev.weft.internal.WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      set(PREFIX + "protocol", "grpc");
      set(PREFIX + "timeout", "500");

      sendOneTrace("otlp.endpoint=http://127.0.0.1:9");

      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("spans not accepted by http://127.0.0.1:9 (grpc)");
    } finally {
      dev.weft.internal.WeftLog.setOutput(System.err);
    }
  }

  /** Returns OTLP/JSON attributes as key to string value. */
  private static Map<String, String> keyValues(JsonNode attributes) {
    Map<String, String> map = new HashMap<>();
    for (JsonNode attribute : attributes) {
      map.put(attribute.path("key").asText(), attribute.path("value").path("stringValue").asText());
    }
    return map;
  }
}
