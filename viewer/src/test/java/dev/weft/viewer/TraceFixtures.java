package dev.weft.viewer;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trace files in the exporter's format, built for tests. */
final class TraceFixtures {

  static final String HOSTILE_SCRIPT = "</script><script>window.pwned=1</script>";
  static final String HOSTILE_IMG = "<img src=x onerror=\"window.pwned=1\">";

  private final String traceId;
  private final String workflow;
  private final Instant start;
  private final List<Map<String, Object>> spans = new ArrayList<>();
  private int nextSpan;
  private long endMillis;
  private String groupId;

  private TraceFixtures(String traceId, String workflow, Instant start) {
    this.traceId = traceId;
    this.workflow = workflow;
    this.start = start;
  }

  /** A new trace whose id ends with {@code n} in hex. */
  static TraceFixtures trace(int n, String workflow, Instant start) {
    return new TraceFixtures(String.format("trace_%032x", n), workflow, start);
  }

  String id() {
    return traceId;
  }

  /** Puts the trace in the session (conversation) {@code groupId}. */
  TraceFixtures inGroup(String groupId) {
    this.groupId = groupId;
    return this;
  }

  /** Adds a span from {@code fromMs} to {@code toMs} after the trace start; returns its id. */
  String span(String parentId, long fromMs, long toMs, Map<String, Object> data) {
    return span(parentId, fromMs, toMs, data, null);
  }

  /** Adds a span with an error (or none when {@code error} is null); returns its id. */
  String span(
      String parentId, long fromMs, long toMs, Map<String, Object> data, Map<String, ?> error) {
    String id = String.format("span_%08x%016x", traceId.hashCode() & 0x7fffffff, ++nextSpan);
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("object", "trace.span");
    span.put("id", id);
    span.put("trace_id", traceId);
    span.put("parent_id", parentId);
    span.put("started_at", iso(fromMs));
    span.put("ended_at", iso(toMs));
    span.put("span_data", data);
    span.put("error", error);
    spans.add(span);
    endMillis = Math.max(endMillis, toMs);
    return id;
  }

  /** Sets the metadata of the span added last. */
  void metadataOfLastSpan(Map<String, Object> metadata) {
    spans.get(spans.size() - 1).put("metadata", metadata);
  }

  String iso(long ms) {
    return start.plusMillis(ms).plusNanos(123_000).toString();
  }

  static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  static Map<String, Object> agent(String name, List<String> tools, List<String> handoffs) {
    return map(
        "type", "agent", "name", name, "handoffs", handoffs, "tools", tools, "output_type", "str");
  }

  static Map<String, Object> function(String name, String input, String output) {
    return map(
        "type", "function", "name", name, "input", input, "output", output, "mcp_data", null);
  }

  static Map<String, Object> generation(
      String model, String prompt, String answer, int in, int out) {
    return map(
        "type", "generation",
        "input",
            List.of(
                map("role", "system", "content", "You are a helpful support agent."),
                map("role", "user", "content", prompt)),
        "output", List.of(map("role", "assistant", "content", answer)),
        "model", model,
        "model_config", map("temperature", 0.2),
        "usage", map("input_tokens", in, "output_tokens", out, "total_tokens", in + out));
  }

  static Map<String, Object> handoff(String from, String to) {
    return map("type", "handoff", "from_agent", from, "to_agent", to);
  }

  static Map<String, Object> guardrail(String name, boolean triggered) {
    return map("type", "guardrail", "name", name, "triggered", triggered);
  }

  static Map<String, Object> error(String message) {
    return map("message", message, "data", map("code", 504));
  }

  /**
   * The customer-support workflow: triage agent with a guardrail, a generation, a tool and a
   * handoff, then a refund agent whose first tool call fails. 13 spans, 1 error, 2152 / 296 tokens.
   */
  static TraceFixtures support(int n, String workflow, Instant start) {
    TraceFixtures t = trace(n, workflow, start);
    String triage =
        t.span(
            null, 0, 1815, agent("Triage agent", List.of("lookup_order"), List.of("Refund agent")));
    t.span(triage, 10, 60, guardrail("pii_check", false));
    t.span(
        triage,
        70,
        1500,
        generation(
            "gpt-4o",
            "Where is my refund for order A-1042?",
            "Let me look up the order.",
            812,
            96));
    t.span(
        triage,
        1510,
        1800,
        function(
            "lookup_order",
            "{\"order_id\":\"A-1042\"}",
            "{\"status\":\"delivered\",\"total\":129.5}"));
    t.span(triage, 1805, 1812, handoff("Triage agent", "Refund agent"));
    String refund =
        t.span(null, 1820, 4200, agent("Refund agent", List.of("issue_refund"), List.of()));
    String turn =
        t.span(
            refund,
            1825,
            4195,
            map(
                "type",
                "custom",
                "name",
                "turn",
                "data",
                map("sdk_span_type", "turn", "turn", 1, "agent_name", "Refund agent")));
    t.span(
        turn,
        1830,
        3000,
        generation("gpt-4o-mini", "Refund order A-1042", "Issuing the refund.", 640, 120));
    t.span(
        turn,
        3010,
        3400,
        function("issue_refund", "{\"order_id\":\"A-1042\",\"amount\":129.5}", null),
        error("Payment gateway timeout"));
    t.span(
        turn,
        3410,
        3900,
        function(
            "issue_refund", "{\"order_id\":\"A-1042\",\"amount\":129.5}", "refund R-77 issued"));
    t.span(
        turn,
        3910,
        4190,
        generation("gpt-4o-mini", "Tell the customer", "Your refund R-77 is on its way.", 700, 80));
    t.span(
        refund,
        4191,
        4194,
        map("type", "custom", "name", "audit", "data", map("note", "customer informed")));
    t.span(refund, 1821, 1824, handoff("Refund agent", "Billing agent"));
    return t;
  }

  /**
   * Installs the viewer in {@code dir} and exports three traces: "Support: oldest" (13 spans),
   * "Research" (2 spans) an hour later and "Support: newest" another hour later; returns the page.
   */
  static Path threeTraces(Path dir) throws IOException {
    Instant t0 = Instant.parse("2026-11-21T19:36:01.123456Z");
    TraceFolderViewer.install(dir);
    support(1, "Support: oldest", t0).export(dir);
    support(3, "Support: newest", t0.plusSeconds(7200)).export(dir);
    TraceFixtures small = trace(2, "Research", t0.plusSeconds(3600));
    String root = small.span(null, 0, 900, agent("Researcher", List.of(), List.of()));
    small.span(root, 5, 880, generation("gpt-4o", "Summarise", "Done.", 50, 5));
    small.export(dir);
    return dir.resolve("index.html");
  }

  /** Writes {@code <dir>/<id>.json} and returns its bytes. */
  byte[] writeTo(Path dir) throws IOException {
    byte[] bytes = json().getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(dir);
    Files.write(dir.resolve(traceId + ".json"), bytes);
    return bytes;
  }

  /** Writes the trace file, then tells the viewer as the exporter does. */
  void export(Path dir) throws IOException {
    TraceFolderViewer.onTraceWritten(dir, traceId, writeTo(dir));
  }

  String json() {
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("object", "trace");
    trace.put("id", traceId);
    trace.put("workflow_name", workflow);
    trace.put("group_id", groupId);
    trace.put("metadata", map("env", "test"));
    trace.put("started_at", iso(0));
    trace.put("ended_at", iso(endMillis));
    StringWriter out = new StringWriter();
    try (JsonGenerator g = TraceSummary.JSON.createGenerator(out)) {
      write(g, map("trace", trace, "spans", spans));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(value.toString());
    }
  }
}
