package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TraceSummaryTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_countsSpansErrorsAndGenerationTokensPerModel() throws IOException {
    TraceSummary s = TraceSummary.parse(bytes(TraceFixtures.support(1, "Support", T0).json()));

    assertThat(s.traceId).isEqualTo(String.format("trace_%032x", 1));
    assertThat(s.workflow).isEqualTo("Support");
    assertThat(s.spans).isEqualTo(13);
    assertThat(s.errors).isEqualTo(1);
    assertThat(s.inputTokens).isEqualTo(2152);
    assertThat(s.outputTokens).isEqualTo(296);
    assertThat(s.tokensByModel.get("gpt-4o")).containsExactly(812, 96, 0);
    assertThat(s.tokensByModel.get("gpt-4o-mini")).containsExactly(1340, 200, 0);
    assertThat(s.durationMillis()).isEqualTo(4200.0);
  }

  @Test
  void parse_collectsSpanTypesNamesAndErrorMessagesForTheSearch() throws IOException {
    TraceSummary s = TraceSummary.parse(bytes(TraceFixtures.support(1, "Support", T0).json()));

    assertThat(s.facets.types())
        .containsEntry("agent", 2)
        .containsEntry("generation", 3)
        .containsEntry("function", 3)
        .containsEntry("turn", 1)
        .containsEntry("custom", 1)
        .containsEntry("handoff", 2)
        .containsEntry("guardrail", 1);
    assertThat(s.facets.names())
        .containsExactly(
            "Triage agent",
            "pii_check",
            "gpt-4o",
            "lookup_order",
            "Refund agent",
            "turn",
            "gpt-4o-mini",
            "issue_refund",
            "audit");
    assertThat(s.facets.errorMessages()).containsExactly("Payment gateway timeout");
    assertThat(s.toEntryJson(s.traceId, "f.json", null))
        .contains("\"types\":{\"agent\":2,")
        .contains("\"error_messages\":[\"Payment gateway timeout\"]");
  }

  @Test
  void parse_keepsABoundedNumberOfShortNames() throws IOException {
    TraceFixtures t = TraceFixtures.trace(1, "Many", T0);
    for (int i = 0; i < 100; i++) {
      t.span(null, i, i + 1, TraceFixtures.function("tool_" + i + "x".repeat(500), "{}", "ok"));
    }

    TraceSummary s = TraceSummary.parse(bytes(t.json()));

    assertThat(s.facets.names())
        .hasSize(SpanFacets.MAX_NAMES)
        .allSatisfy(n -> assertThat(n).hasSize(SpanFacets.MAX_CHARS));
    assertThat(s.facets.types()).containsEntry("function", 100);
  }

  @Test
  void parse_readsTimesInTheWrittenForm_andInAnyOtherIsoForm_alike() throws IOException {
    String[][] cases = {
      {"2024-02-29T23:59:59.999999Z", "2024-03-01T00:00:00.000001Z"},
      {"1969-12-31T23:59:59.500000Z", "1970-01-01T00:00:00.250000Z"},
      {"2026-11-21T19:36:01Z", "2026-11-21T19:36:01.5Z"},
      {"2026-11-21T19:36:01.000000Z", "2026-11-21T20:36:01.000000+01:00"},
    };
    for (String[] times : cases) {
      TraceSummary s =
          TraceSummary.parse(
              bytes(
                  "{\"trace\":{\"id\":\"trace_1\",\"started_at\":\""
                      + times[0]
                      + "\",\"ended_at\":\""
                      + times[1]
                      + "\"},\"spans\":[]}"));
      double expected = (microsOf(times[1]) - microsOf(times[0])) / 1000.0;
      assertThat(s.durationMillis()).as(Arrays.toString(times)).isEqualTo(expected);
    }
  }

  private static long microsOf(String iso) {
    Instant instant = java.time.OffsetDateTime.parse(iso).toInstant();
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  @Test
  void parse_ignoresUsageOfTaskAndTurnSpansWhichRepeatsTheirGenerations() throws IOException {
    TraceFixtures t = TraceFixtures.trace(1, "w", T0);
    String turn =
        t.span(
            null,
            0,
            10,
            TraceFixtures.map(
                "type",
                "custom",
                "name",
                "turn",
                "data",
                TraceFixtures.map(
                    "sdk_span_type",
                    "turn",
                    "usage",
                    TraceFixtures.map("input_tokens", 5, "output_tokens", 1))));
    t.span(turn, 1, 9, TraceFixtures.generation("m", "q", "a", 5, 1));

    TraceSummary s = TraceSummary.parse(bytes(t.json()));

    assertThat(s.inputTokens).isEqualTo(5);
    assertThat(s.outputTokens).isEqualTo(1);
  }

  @Test
  void parse_toleratesNullsAndMissingTimes() throws IOException {
    TraceSummary s =
        TraceSummary.parse(
            bytes(
                "{\"trace\":{\"id\":null,\"workflow_name\":null,\"started_at\":null},"
                    + "\"spans\":[{\"span_data\":null,\"error\":null},"
                    + "{\"span_data\":{\"type\":\"generation\",\"usage\":null,\"model\":null}},"
                    + "{\"span_data\":{\"type\":\"response\",\"usage\":"
                    + "{\"input_tokens\":\"x\",\"output_tokens\":3}}}, 7]}"));

    assertThat(s.spans).isEqualTo(3);
    assertThat(s.errors).isZero();
    assertThat(s.outputTokens).isEqualTo(3);
    assertThat(s.tokensByModel).containsOnlyKeys(TraceSummary.UNKNOWN_MODEL);
    assertThat(s.durationMillis()).isEqualTo(-1);
  }

  @Test
  void parse_whenFileIsTruncated_throws() {
    byte[] whole = bytes(TraceFixtures.support(1, "Support", T0).json());

    assertThatThrownBy(() -> TraceSummary.parse(Arrays.copyOf(whole, whole.length - 3)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void parse_whenContentFollowsTheObject_throws() {
    assertThatThrownBy(() -> TraceSummary.parse(bytes("{\"spans\":[]});alert(1)//")))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> TraceSummary.parse(bytes("{} {}"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> TraceSummary.parse(bytes("[]"))).isInstanceOf(IOException.class);
  }

  @Test
  void toEntryJson_isSafeInsideAScript() throws IOException {
    TraceSummary s =
        TraceSummary.parse(
            bytes(TraceFixtures.support(1, TraceFixtures.HOSTILE_SCRIPT, T0).json()));

    String entry = s.toEntryJson("trace_1", "trace_1.json", null);

    assertThat(entry)
        .doesNotContain("<", ">")
        .contains("\"workflow\":\"\\u003c/script\\u003e")
        .contains("\"spans\":13")
        .contains("\"models\":{\"gpt-4o\":[812,96,0],\"gpt-4o-mini\":[1340,200,0]}");
  }

  @Test
  void parse_countsCachedInputTokens_andTakesTheModelOfAResponseFromItsMetadata()
      throws IOException {
    TraceFixtures t = TraceFixtures.trace(1, "w", T0);
    t.span(
        null,
        0,
        10,
        TraceFixtures.map(
            "type",
            "generation",
            "model",
            "gpt-4.1",
            "usage",
            TraceFixtures.map("input_tokens", 100, "output_tokens", 10, "cached_tokens", 40)));
    t.span(
        null,
        10,
        20,
        TraceFixtures.map(
            "type",
            "response",
            "usage",
            TraceFixtures.map(
                "input_tokens",
                50,
                "output_tokens",
                5,
                "input_tokens_details",
                TraceFixtures.map("cached_tokens", 20))));
    t.metadataOfLastSpan(TraceFixtures.map("model", "gpt-4.1"));

    TraceSummary s = TraceSummary.parse(bytes(t.json()));

    assertThat(s.tokensByModel).containsOnlyKeys("gpt-4.1");
    assertThat(s.tokensByModel.get("gpt-4.1")).containsExactly(150, 15, 60);
  }
}
