package dev.weft.tracefile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.ManualClock;
import dev.weft.RecordingProcessor;
import dev.weft.SpanRecord;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.data.SpanError;
import dev.weft.data.Usage;
import dev.weft.fixtures.SpanSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The export of every span type against golden files under {@code src/test/resources/golden/}, with
 * a manual clock and ids numbered in order of appearance. Run with {@code
 * -Dweft.golden.update=<src/test/resources/golden>} to rewrite them after a deliberate change, and
 * review the diff against the contract.
 */
class TraceJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern IDS = Pattern.compile("(span|trace|group)_[0-9a-f]{24,32}");

  /** The keys of {@code span_data} per exported type, in order, as the contract lists them. */
  private static final Map<String, List<String>> CONTRACT_KEYS =
      Map.ofEntries(
          Map.entry("agent", List.of("type", "name", "handoffs", "tools", "output_type")),
          Map.entry("function", List.of("type", "name", "input", "output", "mcp_data")),
          Map.entry(
              "generation", List.of("type", "input", "output", "model", "model_config", "usage")),
          Map.entry("response", List.of("type", "response_id", "usage")),
          Map.entry("handoff", List.of("type", "from_agent", "to_agent")),
          Map.entry("custom", List.of("type", "name", "data")),
          Map.entry("guardrail", List.of("type", "name", "triggered")),
          Map.entry("transcription", List.of("type", "input", "output", "model", "model_config")),
          Map.entry(
              "speech",
              List.of("type", "input", "output", "model", "model_config", "first_content_at")),
          Map.entry("speech_group", List.of("type", "input")),
          Map.entry("mcp_tools", List.of("type", "server", "result")));

  private RecordingProcessor recorder;
  private TraceRecord trace;
  private List<SpanRecord> spans;

  @BeforeEach
  void recordOneSpanOfEachType() {
    recorder = TestTracing.reset(new ManualClock(1_000));
    try (Trace t =
        Tracing.trace("Support workflow")
            .groupId("group_0123456789abcdef01234567")
            .metadata("customer", "c-1")
            .start()) {
      SpanSamples.recordOneOfEachType();
    }
    trace = recorder.traceEnds.get(0);
    spans = new ArrayList<>(recorder.spanEnds);
    spans.sort(Comparator.comparingLong(SpanRecord::startedAtMicros));
  }

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
  }

  @Test
  void everySpanType_matchesItsGoldenFile() throws IOException {
    assertThat(spans).extracting(s -> s.data().type()).containsExactlyElementsOf(SpanSamples.TYPES);
    for (SpanRecord span : spans) {
      assertMatchesGolden(span.data().type() + ".json", TraceJson.spanToString(span));
    }
  }

  @Test
  void traceFile_matchesItsGoldenFile() throws IOException {
    assertMatchesGolden("trace-file.json", TraceJson.traceFileToString(trace, spans));
  }

  @Test
  void spanAndTraceObjects_haveExactlyTheContractKeysInOrder() throws IOException {
    for (SpanRecord span : spans) {
      JsonNode node = MAPPER.readTree(TraceJson.spanToString(span));
      List<String> keys = fieldNames(node);
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
      if (!span.metadata().isEmpty()) {
        expected.add("metadata");
      }
      assertThat(keys).as(span.toString()).isEqualTo(expected);
      assertThat(node.get("object").asText()).isEqualTo("trace.span");
      assertThat(node.get("id").asText()).matches("span_[0-9a-f]{24}");
      assertThat(node.get("trace_id").asText()).matches("trace_[0-9a-f]{32}");
      assertThat(node.get("started_at").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      JsonNode data = node.get("span_data");
      String type = data.get("type").asText();
      if (span.data().type().equals("task") || span.data().type().equals("turn")) {
        assertThat(type).isEqualTo("custom");
        assertThat(data.get("name").asText()).isEqualTo(span.data().type());
        assertThat(data.at("/data/sdk_span_type").asText()).isEqualTo(span.data().type());
      }
      assertThat(fieldNames(data)).as(type).isEqualTo(CONTRACT_KEYS.get(type));
    }
    JsonNode traceObject = MAPPER.readTree(TraceJson.traceToString(trace, false));
    assertThat(fieldNames(traceObject))
        .containsExactly("object", "id", "workflow_name", "group_id", "metadata");
    // The tracer's trace id is written from its two halves; the text must be the id's own.
    assertThat(traceObject.get("id").asText())
        .isEqualTo(trace.traceId())
        .matches("trace_[0-9a-f]{32}");
  }

  @Test
  void textOutsideTheBasicPlane_isWrittenAsValidUtf8_andIdsReadFromElsewhereAreEscaped()
      throws IOException {
    TraceRecord trace =
        new TraceRecord("trace_\"quoted\"", "wf \uD83D\uDE80 \u00e9", null, null, 1, 2);
    SpanRecord span =
        SpanRecord.of(
            trace,
            "span_a\\b",
            null,
            1,
            2,
            new dev.weft.data.FunctionSpanData(
                "tool", "in \uD83D\uDE80 \"x\"\n", "out \u00e9", null),
            null,
            null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TraceJson.writeLines(out, List.of(trace), List.of(span));
    byte[] bytes = out.toByteArray();
    // The rocket is one four-byte UTF-8 sequence, not two three-byte halves.
    assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\uFFFD");
    assertThat(bytes).containsSequence(0xF0 - 256, 0x9F - 256, 0x9A - 256, 0x80 - 256);
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    JsonNode traceLine = MAPPER.readTree(lines[0]);
    assertThat(traceLine.get("id").asText()).isEqualTo("trace_\"quoted\"");
    assertThat(traceLine.get("workflow_name").asText()).isEqualTo("wf \uD83D\uDE80 \u00e9");
    JsonNode spanLine = MAPPER.readTree(lines[1]);
    assertThat(spanLine.get("id").asText()).isEqualTo("span_a\\b");
    assertThat(spanLine.get("trace_id").asText()).isEqualTo("trace_\"quoted\"");
    assertThat(spanLine.at("/span_data/input").asText()).isEqualTo("in \uD83D\uDE80 \"x\"\n");
    assertThat(spanLine.at("/span_data/output").asText()).isEqualTo("out \u00e9");
    assertThat(TraceJson.spanToString(span)).isEqualTo(lines[1]);
  }

  @Test
  void asciiText_isEscapedExactlyAsTheGeneratorEscapesIt() throws IOException {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      every.append(c);
    }
    List<String> texts =
        List.of(
            every.toString(),
            "",
            "plain text",
            "{\"order_id\":\"A-1\",\"note\":\"line\\none\"}",
            "\"".repeat(300),
            "\u0001".repeat(100) + "tail",
            "ascii then \u00e9 and \"quotes\"");
    for (String text : texts) {
      StringWriter expected = new StringWriter();
      try (JsonGenerator g = MAPPER.getFactory().createGenerator(expected)) {
        g.writeString(text);
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("text", text);
      TraceRecord trace = new TraceRecord("trace_1", "wf", null, metadata, 1, 2);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TraceJson.writeLines(out, List.of(trace), List.of());
      String line = out.toString(StandardCharsets.UTF_8);
      assertThat(line).as("%s", text).contains("\"metadata\":{\"text\":" + expected + "}");
      assertThat(MAPPER.readTree(line).at("/metadata/text").asText()).isEqualTo(text);
    }
  }

  @Test
  void error_isNullOrMessageAndData() throws IOException {
    SpanRecord failing = recorder.ended("lookup_order");
    JsonNode error = MAPPER.readTree(TraceJson.spanToString(failing)).get("error");
    assertThat(fieldNames(error)).containsExactly("message", "data");
    assertThat(failing.error())
        .isEqualTo(new SpanError("order service slow", Map.of("retry", true)));
    JsonNode none = MAPPER.readTree(TraceJson.spanToString(recorder.ended("Triage"))).get("error");
    assertThat(none.isNull()).isTrue();
  }

  @Test
  void writeUsage_putsTokenCountsFirstThenDetails() throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = TraceJson.FACTORY.createGenerator(text)) {
      TraceJson.writeUsage(g, new Usage(3, 4, ordered("cached_tokens", 1, "requests", 2)));
    }
    assertThat(text.toString())
        .isEqualTo("{\"input_tokens\":3,\"output_tokens\":4,\"cached_tokens\":1,\"requests\":2}");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Replaces every id by its prefix and the order of its first appearance. */
  static String normaliseIds(String json) {
    Map<String, String> seen = new HashMap<>();
    Map<String, Integer> counters = new HashMap<>();
    Matcher m = IDS.matcher(json);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String prefix = m.group(1);
      String replacement =
          seen.computeIfAbsent(
              m.group(), id -> prefix + "_" + counters.merge(prefix, 1, Integer::sum));
      m.appendReplacement(out, replacement);
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void assertMatchesGolden(String name, String actual) throws IOException {
    String normalised = normaliseIds(actual);
    String update = System.getProperty("weft.golden.update");
    if (update != null) {
      Files.writeString(
          Path.of(update, name),
          MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(normalised))
              + "\n");
      return;
    }
    try (InputStream in = TraceJsonTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Re-serialising keeps the golden file's key order, so the comparison checks order too.
      assertThat(normalised).as(name).isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree(golden)));
    }
  }
}
