package dev.weft.export.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.data.FunctionSpanData;
import dev.weft.fixtures.EverySpanTypeRun;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Answer;
import dev.weft.fixtures.LoopbackServer.Received;
import dev.weft.internal.WeftLog;
import dev.weft.processor.BatchTraceProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private LoopbackServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = LoopbackServer.start();
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  @AfterEach
  void stop() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    server.close();
  }

  private OpenAiExporter.Builder exporter() {
    return OpenAiExporter.builder()
        .endpoint(server.uri("/v1/traces/ingest"))
        .apiKey("sk-default")
        .sleeper(waits::add);
  }

  /** Runs {@code work} with the exporter behind a batch processor, then flushes. */
  private static void through(OpenAiExporter exporter, Runnable work) {
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter).scheduleDelay(Duration.ofSeconds(30)).build();
    Tracing.setProcessors(processor);
    work.run();
    Tracing.forceFlush();
    processor.shutdown();
  }

  private static List<JsonNode> items(Received request) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    JsonNode body = JSON.readTree(request.body());
    assertThat(fieldNames(body)).containsExactly("data");
    body.get("data").forEach(items::add);
    return items;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static JsonNode span(List<JsonNode> items, String type, String name) {
    return items.stream()
        .filter(i -> i.path("object").asText().equals("trace.span"))
        .filter(i -> i.at("/span_data/type").asText().equals(type))
        .filter(i -> name == null || i.at("/span_data/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " span " + name + " in " + items));
  }

  @Test
  void export_runWithEverySpanType_matchesTheContractKeyByKey() throws Exception {
    OpenAiExporter exporter = exporter().build();

    String traceId = EverySpanTypeRun.run("hello");
    through(exporter, () -> {}); // warm-up: nothing queued, nothing sent
    through(exporter, () -> EverySpanTypeRun.run("hello"));

    List<Received> requests = server.awaitRequests(1, 5000);
    assertThat(requests).hasSize(1);
    List<JsonNode> items = items(requests.get(0));
    assertThat(traceId).startsWith("trace_");
    // The trace once, as it started, without times; then its 14 spans in the order they ended.
    assertThat(items).hasSize(15);
    JsonNode trace = items.get(0);
    assertThat(fieldNames(trace))
        .containsExactly("object", "id", "workflow_name", "group_id", "metadata");
    assertThat(trace.get("object").asText()).isEqualTo("trace");
    assertThat(trace.get("workflow_name").asText()).isEqualTo(EverySpanTypeRun.WORKFLOW);
    assertThat(trace.get("group_id").asText()).isEqualTo(EverySpanTypeRun.GROUP);
    assertThat(trace.get("metadata").get("user").asText()).isEqualTo("u-1");
    for (JsonNode item : items.subList(1, items.size())) {
      List<String> expected =
          new ArrayList<>(
              List.of(
                  "object",
                  "id",
                  "trace_id",
                  "parent_id",
                  "started_at",
                  "ended_at",
                  "span_data",
                  "error"));
      if (item.has("metadata")) {
        expected.add("metadata");
      }
      assertThat(fieldNames(item)).containsExactlyElementsOf(expected);
      assertThat(item.get("trace_id").asText()).isEqualTo(trace.get("id").asText());
      assertThat(item.get("id").asText()).matches("span_[0-9a-f]{24}");
      assertThat(item.get("started_at").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }
    for (Map.Entry<String, List<String>> e : ContractKeys.SPAN_DATA.entrySet()) {
      String[] typeAndName = e.getKey().split(":");
      JsonNode data =
          span(items, typeAndName[0], typeAndName.length > 1 ? typeAndName[1] : null)
              .get("span_data");
      assertThat(fieldNames(data)).as(e.getKey()).containsExactlyElementsOf(e.getValue());
      assertThat(fieldNames(data))
          .as("reference keys of " + e.getKey())
          .containsAll(ContractKeys.REFERENCE.getOrDefault(e.getKey(), List.of()));
    }
    JsonNode usage = span(items, "generation", null).at("/span_data/usage");
    assertThat(fieldNames(usage)).containsExactly("input_tokens", "output_tokens", "details");
    assertThat(usage)
        .isEqualTo(
            JSON.readTree(
                "{\"input_tokens\":100,\"output_tokens\":20,\"details\":"
                    + "{\"total_tokens\":120,\"input_tokens_details\":{\"cached\":50}}}"));
    JsonNode task = span(items, "custom", "task").at("/span_data/data");
    assertThat(fieldNames(task)).containsExactly("sdk_span_type", "name", "usage");
    JsonNode turn = span(items, "custom", "turn").at("/span_data/data");
    assertThat(fieldNames(turn)).containsExactly("sdk_span_type", "turn", "agent_name");
    JsonNode error = span(items, "function", "explode").get("error");
    assertThat(fieldNames(error)).containsExactly("message", "data");
    assertThat(error.get("message").asText()).isEqualTo("failed on hello");
    JsonNode agent = span(items, "agent", null);
    assertThat(agent.get("parent_id").isNull()).isTrue();
    assertThat(span(items, "custom", "task").get("parent_id").asText())
        .isEqualTo(agent.get("id").asText());
  }

  @Test
  void export_sendsTheHeadersOfTheSdk() throws Exception {
    OpenAiExporter exporter =
        exporter()
            .environment(Map.of("OPENAI_ORG_ID", "org-1", "OPENAI_PROJECT_ID", "proj-1"))
            .build();

    exporter.export(List.of(started("t")), List.of());

    Received request = server.awaitRequests(1, 5000).get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/traces/ingest");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-default");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("OpenAI-Beta")).isEqualTo("traces=v1");
    assertThat(request.header("OpenAI-Organization")).isEqualTo("org-1");
    assertThat(request.header("OpenAI-Project")).isEqualTo("proj-1");
    assertThat(request.header("User-Agent")).startsWith("Weft/");
  }

  @Test
  void export_withoutOrganizationOrProject_leavesTheirHeadersOut() throws Exception {
    exporter().environment(Map.of()).build().export(List.of(started("t")), List.of());

    Received request = server.awaitRequests(1, 5000).get(0);
    assertThat(request.header("OpenAI-Organization")).isNull();
    assertThat(request.header("OpenAI-Project")).isNull();
  }

  @Test
  void export_endedTraceRecords_areNotSentAgain() throws Exception {
    TraceRecord started = started("t");
    TraceRecord ended = new TraceRecord(started.traceId(), "t", null, null, 1, 2, null);

    exporter().build().export(List.of(ended), List.of());

    assertThat(server.requests()).isEmpty();
  }

  @Test
  void export_traceWithItsOwnKey_goesWithItsSpansInItsOwnRequest() throws Exception {
    OpenAiExporter exporter = exporter().build();

    through(
        exporter,
        () -> {
          try (Trace own =
                  Tracing.trace("own key").exportSetting("openai.api-key", "sk-own").start();
              Span span = Tracing.startAgentSpan("A")) {
            span.setMetadata("k", "v");
          }
          try (Trace shared = Tracing.trace("default key").start();
              Span span = Tracing.startAgentSpan("B")) {
            span.setMetadata("k", "v");
          }
        });

    List<Received> requests = server.awaitRequests(2, 5000);
    assertThat(requests).hasSize(2);
    Map<String, List<JsonNode>> byKey = new java.util.HashMap<>();
    for (Received r : requests) {
      byKey.put(r.header("Authorization"), items(r));
    }
    assertThat(byKey.get("Bearer sk-own"))
        .extracting(i -> i.path("workflow_name").asText() + i.at("/span_data/name").asText())
        .containsExactly("own key", "A");
    assertThat(byKey.get("Bearer sk-default"))
        .extracting(i -> i.path("workflow_name").asText() + i.at("/span_data/name").asText())
        .containsExactly("default key", "B");
  }

  @Test
  void export_when500Then500Then200_triesThreeTimesWithGrowingDelays() throws Exception {
    server.answer(Answer.status(500), Answer.status(500), Answer.status(200));
    OpenAiExporter exporter = exporter().build();

    exporter.export(List.of(started("t")), List.of());

    assertThat(server.requests()).hasSize(3);
    assertThat(server.requests())
        .extracting(Received::text)
        .containsOnly(server.requests().get(0).text());
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1100));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(2200));
    assertThat(exporter.failedRequestCount()).isZero();
  }

  @Test
  void export_realWaits_growBetweenAttempts() throws Exception {
    server.answer(Answer.status(503), Answer.status(502), Answer.status(200));
    OpenAiExporter exporter =
        exporter().sleeper(OpenAiExporter.Sleeper.SYSTEM).baseDelay(Duration.ofMillis(150)).build();

    exporter.export(List.of(started("t")), List.of());

    List<Received> requests = server.requests();
    assertThat(requests).hasSize(3);
    long firstGap = requests.get(1).atNanos() - requests.get(0).atNanos();
    long secondGap = requests.get(2).atNanos() - requests.get(1).atNanos();
    assertThat(Duration.ofNanos(firstGap)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(Duration.ofNanos(secondGap)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void export_whenAlways500_givesUpAfterThreeAttempts() throws Exception {
    server.otherwise(Answer.status(500));
    OpenAiExporter exporter = exporter().build();

    exporter.export(List.of(started("t")), List.of());

    assertThat(server.requests()).hasSize(3);
    assertThat(waits).hasSize(2);
    assertThat(exporter.failedRequestCount()).isEqualTo(1);
  }

  @Test
  void export_when429WithRetryAfterMs_waitsThatLong() throws Exception {
    server.answer(Answer.status(429, Map.of("retry-after-ms", "250")), Answer.status(200));

    exporter().build().export(List.of(started("t")), List.of());

    assertThat(server.requests()).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void export_when429WithRetryAfterMs_reallyWaitsThatLong() throws Exception {
    server.answer(Answer.status(429, Map.of("retry-after-ms", "400")), Answer.status(200));

    exporter()
        .sleeper(OpenAiExporter.Sleeper.SYSTEM)
        .build()
        .export(List.of(started("t")), List.of());

    List<Received> requests = server.requests();
    assertThat(requests).hasSize(2);
    assertThat(Duration.ofNanos(requests.get(1).atNanos() - requests.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400))
        // generous: the build machine may be busy; far below the 1 s backoff it replaces
        .isLessThan(Duration.ofMillis(5000));
  }

  @Test
  void export_when503WithRetryAfterSeconds_waitsThatLong() throws Exception {
    server.answer(Answer.status(503, Map.of("retry-after", "2")), Answer.status(200));

    exporter().build().export(List.of(started("t")), List.of());

    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void export_when400_doesNotRetry() throws Exception {
    server.answer(Answer.status(400));
    OpenAiExporter exporter = exporter().build();

    exporter.export(List.of(started("t")), List.of());

    assertThat(server.requests()).hasSize(1);
    assertThat(waits).isEmpty();
    assertThat(exporter.failedRequestCount()).isEqualTo(1);
  }

  @Test
  void export_408And409AreRetried() throws Exception {
    server.answer(Answer.status(408), Answer.status(409), Answer.status(200));

    exporter().build().export(List.of(started("t")), List.of());

    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void export_shouldRetryHeader_overridesTheStatus() throws Exception {
    server.answer(
        Answer.status(404, Map.of("x-should-retry", "true")),
        Answer.status(503, Map.of("x-should-retry", "false")));

    exporter().build().export(List.of(started("t")), List.of());

    assertThat(server.requests()).hasSize(2);
    assertThat(waits).hasSize(1);
  }

  @Test
  void export_whenServerNeverAnswers_abandonsEachAttemptAfterTheTimeout() throws Exception {
    server.otherwise(Answer.hang());
    OpenAiExporter exporter = exporter().timeout(Duration.ofMillis(300)).build();

    long start = System.nanoTime();
    exporter.export(List.of(started("t")), List.of());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(server.requests()).hasSize(3);
    assertThat(waits).hasSize(2);
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(900))
        .isLessThan(Duration.ofSeconds(10));
    assertThat(exporter.failedRequestCount()).isEqualTo(1);
  }

  @Test
  void shutdown_whenServerNeverAnswers_returnsWithinTheProcessorDeadline() throws Exception {
    server.otherwise(Answer.hang());
    OpenAiExporter exporter =
        exporter().sleeper(OpenAiExporter.Sleeper.SYSTEM).timeout(Duration.ofSeconds(30)).build();
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter)
            .scheduleDelay(Duration.ofMillis(10))
            .exportTimeout(Duration.ofMillis(500))
            .build();
    processor.onTraceStart(started("t"));
    server.awaitRequests(1, 5000);

    long start = System.nanoTime();
    processor.shutdown();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // The request alone would wait 30 s; the processor's 0.5 s deadline ends it.
    assertThat(took).isLessThan(Duration.ofMillis(3000));
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void export_withoutAnyKey_warnsOnceAndSendsNothing() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      OpenAiExporter exporter = exporter().apiKey(null).build();

      through(exporter, () -> EverySpanTypeRun.run("x"));
      through(exporter, () -> EverySpanTypeRun.run("y"));

      assertThat(server.requests()).isEmpty();
      assertThat(waits).isEmpty();
      assertThat(exporter.droppedWithoutKeyCount()).isEqualTo(30);
      String text = log.toString(StandardCharsets.UTF_8);
      assertThat(text.split("no API key", -1)).hasSize(2);
    } finally {
      WeftLog.setOutput(System.err);
    }
  }

  @Test
  void export_withoutDefaultKey_stillSendsTracesWithTheirOwn() throws Exception {
    OpenAiExporter exporter = exporter().apiKey(null).build();

    through(
        exporter,
        () -> {
          try (Trace own = Tracing.trace("own").exportSetting("openai.api-key", "sk-own").start();
              Span span = Tracing.startAgentSpan("A")) {
            span.setMetadata("k", "v");
          }
        });

    List<Received> requests = server.awaitRequests(1, 5000);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer sk-own");
    assertThat(items(requests.get(0))).hasSize(2);
  }

  @Test
  void provider_isFoundByName_andPostsToTheConfiguredEndpoint() throws Exception {
    WeftConfig config =
        WeftConfig.load(
            "exporters=openai;openai.api-key=sk-config;openai.endpoint="
                + server.uri("/ingest")
                + ";batch.schedule-delay-ms=10");
    Tracing.configure(config);

    assertThat(Tracing.processors()).hasSize(1);
    assertThat(Tracing.processors().get(0)).isInstanceOf(BatchTraceProcessor.class);
    try (Trace trace = Tracing.startTrace("configured")) {
      trace.isRecording();
    }
    Tracing.forceFlush();

    Received request = server.awaitRequests(1, 5000).get(0);
    assertThat(request.path()).isEqualTo("/ingest");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-config");
  }

  /** Runs a trace of {@code count} tool spans, each with an output of {@code bytes} characters. */
  private static void tools(int count, int bytes) {
    try (Trace trace = Tracing.startTrace("big")) {
      for (int i = 0; i < count; i++) {
        try (Span tool = Tracing.startFunctionSpan("tool-" + i, "{}")) {
          tool.setData(new FunctionSpanData("tool-" + i, "{}", "o".repeat(bytes), null));
        }
      }
      trace.isRecording();
    }
  }

  @Test
  void export_batchOverTheSizeLimit_isSplitIntoRequestsUnderItWithEverySpanDelivered()
      throws Exception {
    OpenAiExporter exporter = exporter().maxRequestBytes(50_000).build();

    through(exporter, () -> tools(12, 20_000));

    List<Received> requests = server.requests();
    assertThat(requests).hasSizeGreaterThanOrEqualTo(5);
    List<String> names = new ArrayList<>();
    for (Received request : requests) {
      assertThat(request.body().length).isLessThanOrEqualTo(50_000);
      for (JsonNode item : items(request)) {
        names.add(item.path("workflow_name").asText() + item.at("/span_data/name").asText());
      }
    }
    List<String> expected = new ArrayList<>(List.of("big"));
    for (int i = 0; i < 12; i++) {
      expected.add("tool-" + i);
    }
    assertThat(names).containsExactlyElementsOf(expected);
    assertThat(exporter.droppedTooLargeCount()).isZero();
  }

  @Test
  void export_defaultLimit_splitsABatchOfFullSizeOutputsIntoRequestsUnderIt() throws Exception {
    OpenAiExporter exporter = exporter().build();

    through(exporter, () -> tools(60, 99_000));

    List<Received> requests = server.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests)
        .allSatisfy(
            r ->
                assertThat(r.body().length)
                    .isLessThanOrEqualTo(OpenAiExporter.DEFAULT_MAX_REQUEST_BYTES));
    assertThat(items(requests.get(0)).size() + items(requests.get(1)).size()).isEqualTo(61);
  }

  @Test
  void export_objectBiggerThanARequest_isDroppedWithOneLogLineAndTheRestSent() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      OpenAiExporter exporter = exporter().maxRequestBytes(50_000).build();

      through(
          exporter,
          () -> {
            try (Trace trace = Tracing.startTrace("huge");
                Span custom = Tracing.startCustomSpan("blob", Map.of("text", "b".repeat(80_000)))) {
              custom.setMetadata("k", "v");
              trace.isRecording();
            }
            tools(2, 100);
          });

      List<String> names = new ArrayList<>();
      for (Received request : server.requests()) {
        items(request).forEach(i -> names.add(i.at("/span_data/name").asText()));
      }
      assertThat(names).doesNotContain("blob").contains("tool-0", "tool-1");
      assertThat(exporter.droppedTooLargeCount()).isEqualTo(1);
      String text = log.toString(StandardCharsets.UTF_8);
      assertThat(text.split("bigger than a request", -1)).hasSize(2);
      assertThat(text).contains("custom").doesNotContain("bbbb");
    } finally {
      WeftLog.setOutput(System.err);
    }
  }

  @Test
  void export_splitBatch_retriesEachRequestOn429And500() throws Exception {
    server.answer(
        Answer.status(500),
        Answer.status(200),
        Answer.status(429, Map.of("retry-after-ms", "10")),
        Answer.status(200));
    OpenAiExporter exporter = exporter().maxRequestBytes(50_000).build();

    through(exporter, () -> tools(3, 20_000));

    // Two requests, each refused once and sent again unchanged.
    List<Received> requests = server.requests();
    assertThat(requests).hasSize(4);
    assertThat(requests.get(1).text()).isEqualTo(requests.get(0).text());
    assertThat(requests.get(3).text()).isEqualTo(requests.get(2).text());
    assertThat(requests.get(0).text()).isNotEqualTo(requests.get(2).text());
    assertThat(waits).hasSize(2).contains(Duration.ofMillis(10));
    assertThat(exporter.failedRequestCount()).isZero();
  }

  private static TraceRecord started(String name) {
    return new TraceRecord(dev.weft.internal.Ids.newTraceId(), name, null, null, 1, 0, null);
  }

  @Test
  void configuredKey_isWeftKeyElseTheOpenAiVariable() {
    assertThat(
            OpenAiExporter.configuredKey(configWith(Map.of(), Map.of("OPENAI_API_KEY", "sk-env"))))
        .isEqualTo("sk-env");
    assertThat(
            OpenAiExporter.configuredKey(
                configWith(
                    Map.of("weft.openai.api-key", "sk-weft"), Map.of("OPENAI_API_KEY", "x"))))
        .isEqualTo("sk-weft");
    assertThat(OpenAiExporter.configuredKey(configWith(Map.of(), Map.of()))).isNull();
  }

  private static WeftConfig configWith(Map<String, String> properties, Map<String, String> env) {
    return dev.weft.config.TestConfigs.load(properties, env);
  }
}
