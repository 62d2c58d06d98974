package dev.weft.export.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.weft.Span;
import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestPayloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<SpanRecord> ended = new ArrayList<>();

  @BeforeEach
  void configure() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    Tracing.setProcessors(
        new TracingProcessor() {
          @Override
          public void onSpanEnd(SpanRecord span) {
            ended.add(span);
          }
        });
  }

  @AfterEach
  void reset() {
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  private JsonNode spanData(Runnable work) throws Exception {
    work.run();
    return JSON.readTree(IngestPayload.item(ended.get(ended.size() - 1)).json()).get("span_data");
  }

  private static void tool(String output) {
    try (Span span = Tracing.startFunctionSpan("huge_output_tool", "{\"n\":1}")) {
      span.setData(new FunctionSpanData("huge_output_tool", "{\"n\":1}", output, null));
    }
  }

  @Test
  void write_outputOver100000Bytes_isCutExactlyAsTheReferenceSdkDoes() throws Exception {
    JsonNode data = spanData(() -> tool("x".repeat(200_000)));

    // Reference 010: 99,981 characters kept, then the suffix; 99,998 bytes of JSON in all.
    String output = data.get("output").asText();
    assertThat(output).hasSize(99_996).endsWith("... [truncated]");
    assertThat(output.substring(0, 99_981)).matches("x+");
    assertThat(IngestPayload.jsonBytes(output, true)).isEqualTo(99_998);
    assertThat(data.get("input").asText()).isEqualTo("{\"n\":1}");
  }

  @Test
  void write_outputOfExactly100000Bytes_isKept() throws Exception {
    String value = "y".repeat(99_998);

    JsonNode data = spanData(() -> tool(value));

    assertThat(data.get("output").asText()).isEqualTo(value);
  }

  @Test
  void truncate_multiByteText_staysWithinTheLimitInUtf8() throws Exception {
    String cut = IngestPayload.truncate(TextNode.valueOf("é\"😀".repeat(40_000)));

    assertThat(cut).endsWith("... [truncated]");
    assertThat(JSON.writeValueAsString(cut).getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(IngestPayload.MAX_FIELD_BYTES)
        .isGreaterThan(IngestPayload.MAX_FIELD_BYTES - 8);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 16))).isFalse();
  }

  @Test
  void write_structuredInputOverTheLimit_becomesItsCutJsonText() throws Exception {
    List<Object> input = List.of(Map.of("role", "user", "content", "z".repeat(150_000)));

    JsonNode data =
        spanData(
            () -> {
              try (Span span = Tracing.startGenerationSpan("m", input)) {
                span.setMetadata("k", "v");
              }
            });

    assertThat(data.get("input").isTextual()).isTrue();
    assertThat(data.get("input").asText()).startsWith("[{\"").endsWith("... [truncated]");
  }

  @Test
  void write_generationUsage_keepsTokenCountsOnTopAndTheRestUnderDetails() throws Exception {
    JsonNode data =
        spanData(
            () -> {
              try (Span span = Tracing.startGenerationSpan("m", null)) {
                span.setUsage(new Usage(7, 3, Map.of("requests", 1)));
              }
            });

    assertThat(data.get("usage"))
        .isEqualTo(
            JSON.readTree("{\"input_tokens\":7,\"output_tokens\":3,\"details\":{\"requests\":1}}"));
  }

  @Test
  void write_generationUsageWithoutDetails_isJustTheTwoCounts() throws Exception {
    JsonNode data =
        spanData(
            () -> {
              try (Span span = Tracing.startGenerationSpan("m", null)) {
                span.setData(GenerationSpanData.of("m", null).withUsage(Usage.of(5, 6)));
              }
            });

    assertThat(data.get("usage").toString()).isEqualTo("{\"input_tokens\":5,\"output_tokens\":6}");
  }

  @Test
  void write_responseUsage_isDropped() throws Exception {
    JsonNode data =
        spanData(
            () -> {
              try (Span span = Tracing.startResponseSpan("resp_9")) {
                span.setUsage(Usage.of(1, 1));
              }
            });

    assertThat(data.toString()).isEqualTo("{\"type\":\"response\",\"response_id\":\"resp_9\"}");
  }

  @Test
  void write_traceRecord_hasNoTimes() throws Exception {
    TraceRecord trace = new TraceRecord("trace_" + "a".repeat(32), "w", "g", Map.of(), 5, 9, null);

    JsonNode item = JSON.readTree(IngestPayload.item(trace).json());

    assertThat(item.toString())
        .isEqualTo(
            "{\"object\":\"trace\",\"id\":\"trace_"
                + "a".repeat(32)
                + "\",\"workflow_name\":\"w\",\"group_id\":\"g\",\"metadata\":null}");
  }
}
