package dev.weft.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.data.AgentSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceDiffTest {
  private static final PriceTable PRICES = PriceTable.parse("gpt-4.1-mini=0.40/1.60");

  /** Spans of one trace, each a millisecond after the one before. */
  private static final class Spans {
    final TraceRecord trace;
    final List<SpanRecord> spans = new ArrayList<>();

    Spans(String hex) {
      trace = new TraceRecord("trace_" + hex, "Support", null, Map.of(), 1_000, 100_000);
    }

    String add(String parent, SpanData data, long micros) {
      return add(parent, data, micros, null);
    }

    String add(String parent, SpanData data, long micros, SpanError error) {
      String id = String.format("span_%024x", spans.size() + 1);
      long start = 1_000 + spans.size() * 1_000L;
      spans.add(SpanRecord.of(trace, id, parent, start, start + micros, data, error, Map.of()));
      return id;
    }
  }

  private static FunctionSpanData tool(String name, String output) {
    return new FunctionSpanData(name, "{}", output, null);
  }

  private static List<String> rows(TraceDiff diff) {
    return diff.rows().stream()
        .map(r -> "  ".repeat(r.depth()) + r.change() + " " + r.type() + " " + r.name())
        .toList();
  }

  @Test
  void of_aToolCallAddedInTheMiddle_leavesTheCallsAfterItAligned() {
    Spans a = new Spans("a".repeat(32));
    String rootA = a.add(null, new AgentSpanData("Desk", null, null, null), 50);
    a.add(rootA, tool("lookup", "ok"), 5);
    a.add(rootA, tool("reply", "sent"), 5);
    Spans b = new Spans("b".repeat(32));
    String rootB = b.add(null, new AgentSpanData("Desk", null, null, null), 80);
    b.add(rootB, tool("lookup", "ok"), 5);
    b.add(rootB, tool("refund", "done"), 5);
    b.add(rootB, tool("reply", "sent again"), 5);

    TraceDiff diff = TraceDiff.of(a.trace, a.spans, b.trace, b.spans, PRICES);

    assertThat(rows(diff))
        .containsExactly(
            "SAME agent Desk",
            "  SAME function lookup",
            "  ADDED function refund",
            "  CHANGED function reply");
    assertThat(diff.rows().get(3).changedParts()).containsExactly("output");
    assertThat(
            diff.rows().get(0).measureB().durationMicros()
                - diff.rows().get(0).measureA().durationMicros())
        .isEqualTo(30);
  }

  @Test
  void of_aSpanGone_marksItAndEverythingUnderItRemoved() {
    Spans a = new Spans("a".repeat(32));
    String rootA = a.add(null, new AgentSpanData("Desk", null, null, null), 50);
    String inner = a.add(rootA, new AgentSpanData("Billing", null, null, null), 20);
    a.add(inner, tool("refund", "done"), 5, SpanError.of("declined"));
    Spans b = new Spans("b".repeat(32));
    b.add(null, new AgentSpanData("Desk", null, null, null), 50);

    assertThat(rows(TraceDiff.of(a.trace, a.spans, b.trace, b.spans, PRICES)))
        .containsExactly(
            "SAME agent Desk", "  REMOVED agent Billing", "    REMOVED function refund");
  }

  @Test
  void of_modelCalls_matchByModelAndCountTokensAndCost_responsesIgnoringTheirNewIds() {
    Spans a = new Spans("a".repeat(32));
    a.add(null, generation(1_000, 100), 10);
    a.add(null, new ResponseSpanData("resp_1", Usage.of(5, 5)), 10);
    Spans b = new Spans("b".repeat(32));
    b.add(null, generation(1_500, 100), 10);
    b.add(null, new ResponseSpanData("resp_2", Usage.of(5, 5)), 10);

    TraceDiff diff = TraceDiff.of(a.trace, a.spans, b.trace, b.spans, PRICES);

    assertThat(rows(diff))
        .containsExactly("SAME generation gpt-4.1-mini", "SAME response response");
    TraceDiff.AlignedSpan generation = diff.rows().get(0);
    assertThat(generation.measureA().tokens()).isEqualTo(1_100);
    assertThat(generation.measureB().tokens()).isEqualTo(1_600);
    assertThat(generation.measureB().usd() - generation.measureA().usd())
        .isCloseTo(500 * 0.40 / 1_000_000, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(diff.rows().get(1).measureA().usd()).as("a response's model is unknown").isNull();
    assertThat(diff.totalB().tokens() - diff.totalA().tokens()).isEqualTo(500);
    assertThat(diff.count(TraceDiff.Change.SAME)).isEqualTo(2);
  }

  @Test
  void of_spansInAParentCycle_areLeftOutRatherThanLoopedOver() {
    Spans a = new Spans("a".repeat(32));
    a.add(null, new AgentSpanData("Desk", null, null, null), 50);
    a.spans.add(
        SpanRecord.of(
            a.trace,
            "span_" + "e".repeat(24),
            "span_" + "f".repeat(24),
            1,
            2,
            tool("x", ""),
            null,
            null));
    a.spans.add(
        SpanRecord.of(
            a.trace,
            "span_" + "f".repeat(24),
            "span_" + "e".repeat(24),
            1,
            2,
            tool("y", ""),
            null,
            null));

    assertThat(rows(TraceDiff.of(a.trace, a.spans, a.trace, a.spans, PRICES)))
        .containsExactly("SAME agent Desk");
  }

  private static GenerationSpanData generation(long in, long out) {
    return new GenerationSpanData(
        List.of(), List.of(), "gpt-4.1-mini", Map.of(), Usage.of(in, out));
  }
}
