package dev.weft.export.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.data.SpanType;
import dev.weft.data.Usage;
import dev.weft.fixtures.EverySpanTypeRun;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Received;
import dev.weft.processor.BatchTraceProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keys sent for each object and span type are exactly those of the table in
 * docs/openai-exporter.md ("Fields sent"), taken from the OpenAI Agents SDK's exporters.
 */
class IngestShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The table of docs/openai-exporter.md: {@code span_data} keys by Weft span type, read from the
   * wire contract's table ({@link ContractKeys#SPAN_DATA}, keyed by type or {@code type:name}), in
   * which task and turn spans go out as {@code custom} spans of that name.
   */
  private static final Map<String, Set<String>> SPAN_DATA = new LinkedHashMap<>();

  static {
    ContractKeys.SPAN_DATA.forEach(
        (key, keys) -> {
          String[] typeAndName = key.split(":", 2);
          boolean sentAsCustom =
              typeAndName.length == 2
                  && typeAndName[0].equals("custom")
                  && (typeAndName[1].equals("task") || typeAndName[1].equals("turn"));
          SPAN_DATA.put(sentAsCustom ? typeAndName[1] : typeAndName[0], Set.copyOf(keys));
        });
  }

  private static final Set<String> SPAN_OBJECT =
      Set.of(
          "object",
          "id",
          "trace_id",
          "parent_id",
          "started_at",
          "ended_at",
          "span_data",
          "error",
          "metadata");

  private LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    server = LoopbackServer.start();
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  @AfterEach
  void stop() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    server.close();
  }

  @Test
  void spanData_hasAShapeForEverySpanType() {
    for (SpanType type : SpanType.values()) {
      assertThat(IngestShape.spanData(type)).as(type.typeName()).isNotNull();
      assertThat(Set.copyOf(IngestShape.spanData(type).keyNames()))
          .as(type.typeName())
          .isEqualTo(SPAN_DATA.get(type.typeName()));
    }
  }

  /** Sends every span type, with counts and keys the endpoint does not take, and returns them. */
  private List<JsonNode> sentItems() throws Exception {
    OpenAiExporter exporter =
        OpenAiExporter.builder().endpoint(server.uri("/ingest")).apiKey("sk-test").build();
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter).scheduleDelay(Duration.ofSeconds(30)).build();
    Tracing.setProcessors(processor);
    EverySpanTypeRun.run("content");
    try (Trace trace = Tracing.trace("extras").start();
        Span agent = Tracing.startAgentSpan("A")) {
      agent.setMetadata("k", "v");
      try (Span task = Tracing.startTaskSpan("plan-extras")) {
        task.setUsage(
            new Usage(3, 4, counts("requests", 2, "total_tokens", 7, "reasoning_tokens", 1)));
      }
      try (Span turn = Tracing.startTurnSpan()) {
        turn.setUsage(new Usage(1, 2, counts("cached_input_tokens", 0, "requests", 1, "x", 9)));
        try (Span generation = Tracing.startGenerationSpan("m", null)) {
          generation.setUsage(new Usage(5, 6, counts("total_tokens", 11, "requests", 1, "y", 2)));
        }
        try (Span response = Tracing.startResponseSpan("resp_2")) {
          response.setUsage(new Usage(5, 6, counts("total_tokens", 11, "requests", 1, "y", 2)));
        }
      }
      trace.isRecording();
    }
    Tracing.forceFlush();
    processor.shutdown();
    List<JsonNode> items = new ArrayList<>();
    for (Received request : server.awaitRequests(1, 5000)) {
      JsonNode body = JSON.readTree(request.body());
      assertThat(keys(body)).containsExactly("data");
      body.get("data").forEach(items::add);
    }
    return items;
  }

  @Test
  void export_everyObject_carriesExactlyTheKeysOfTheTable() throws Exception {
    List<JsonNode> items = sentItems();

    assertThat(items).hasSize(2 + 14 + 5);
    Set<String> typesSeen = new TreeSet<>();
    for (JsonNode item : items) {
      if (item.get("object").asText().equals("trace")) {
        assertThat(keys(item))
            .containsExactly("object", "id", "workflow_name", "group_id", "metadata");
        continue;
      }
      assertThat(SPAN_OBJECT).containsAll(keys(item));
      assertThat(keys(item)).containsAll(List.of("object", "span_data", "error"));
      if (!item.get("error").isNull()) {
        assertThat(keys(item.get("error"))).containsExactly("message", "data");
      }
      JsonNode data = item.get("span_data");
      String type = weftType(data);
      typesSeen.add(type);
      assertThat(Set.copyOf(keys(data))).as(type).isEqualTo(SPAN_DATA.get(type));
    }
    assertThat(typesSeen).isEqualTo(new TreeSet<>(SPAN_DATA.keySet()));
  }

  @Test
  void export_usage_keepsOnlyTheCountsTheSdkSends() throws Exception {
    List<JsonNode> items = sentItems();

    JsonNode generation = dataOf(items, "generation", "m");
    assertThat(generation.get("usage"))
        .isEqualTo(
            JSON.readTree(
                "{\"input_tokens\":5,\"output_tokens\":6,"
                    + "\"details\":{\"total_tokens\":11,\"requests\":1,\"y\":2}}"));
    JsonNode task = dataOf(items, "task", "plan-extras").get("data");
    assertThat(keys(task)).containsExactly("sdk_span_type", "name", "usage");
    assertThat(keys(task.get("usage")))
        .containsExactly("input_tokens", "output_tokens", "requests", "total_tokens");
    JsonNode turn = dataOf(items, "turn", "A").get("data");
    assertThat(keys(turn)).containsExactly("sdk_span_type", "turn", "agent_name", "usage");
    assertThat(keys(turn.get("usage")))
        .containsExactly("input_tokens", "output_tokens", "cached_input_tokens");
    assertThat(keys(dataOf(items, "response", "resp_2"))).containsExactly("type", "response_id");
  }

  @Test
  void export_spanMetadata_staysAtTheTopOfTheSpanObjectAsTheSdkSendsIt() throws Exception {
    List<JsonNode> items = sentItems();

    JsonNode agent =
        items.stream()
            .filter(i -> i.at("/span_data/type").asText().equals("agent"))
            .filter(i -> i.at("/span_data/name").asText().equals("A"))
            .findFirst()
            .orElseThrow();
    assertThat(agent.get("metadata")).isEqualTo(JSON.readTree("{\"k\":\"v\"}"));
  }

  private static JsonNode dataOf(List<JsonNode> items, String weftType, String name) {
    return items.stream()
        .map(i -> i.get("span_data"))
        .filter(d -> d != null && weftType(d).equals(weftType))
        .filter(
            d ->
                name.equals(d.path("name").asText())
                    || name.equals(d.path("model").asText())
                    || name.equals(d.path("response_id").asText())
                    || name.equals(d.at("/data/name").asText())
                    || name.equals(d.at("/data/agent_name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + weftType + " " + name + " in " + items));
  }

  /** Returns Weft's span type of a {@code span_data}: task and turn travel as custom spans. */
  private static String weftType(JsonNode data) {
    String type = data.get("type").asText();
    String sdkType = data.at("/data/sdk_span_type").asText();
    return type.equals("custom") && (sdkType.equals("task") || sdkType.equals("turn"))
        ? sdkType
        : type;
  }

  private static List<String> keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Map<String, Object> counts(
      String k1, Object v1, String k2, Object v2, String k3, Object v3) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    map.put(k3, v3);
    return map;
  }
}
