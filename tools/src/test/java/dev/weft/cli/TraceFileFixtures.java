package dev.weft.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Trace files in the exporter's format, written for the command line's tests. */
final class TraceFileFixtures {
  private TraceFileFixtures() {}

  /** A trace file under construction; spans are added in start order. */
  static final class TraceFile {
    private final String traceId;
    private final String workflow;
    private final String startedAt;
    private final String endedAt;
    private final List<String> spans = new ArrayList<>();
    private String groupId = "null";

    TraceFile(String traceId, String workflow, String startedAt, String endedAt) {
      this.traceId = traceId;
      this.workflow = workflow;
      this.startedAt = startedAt;
      this.endedAt = endedAt;
    }

    TraceFile group(String id) {
      groupId = "\"" + id + "\"";
      return this;
    }

    TraceFile span(String id, String parentId, String spanData) {
      return span(id, parentId, spanData, "null");
    }

    TraceFile span(String id, String parentId, String spanData, String error) {
      int n = spans.size();
      spans.add(
          "{\"object\":\"trace.span\",\"id\":\""
              + id
              + "\",\"trace_id\":\""
              + traceId
              + "\",\"parent_id\":"
              + (parentId == null ? "null" : "\"" + parentId + "\"")
              + ",\"started_at\":\""
              + startedAt.replace(".000000Z", String.format(".%06dZ", n * 1000))
              + "\",\"ended_at\":\""
              + startedAt.replace(".000000Z", String.format(".%06dZ", n * 1000 + 500))
              + "\",\"span_data\":"
              + spanData
              + ",\"error\":"
              + error
              + "}");
      return this;
    }

    String json() {
      return "{\"trace\":{\"object\":\"trace\",\"id\":\""
          + traceId
          + "\",\"workflow_name\":\""
          + workflow
          + "\",\"group_id\":"
          + groupId
          + ",\"metadata\":null,\"started_at\":\""
          + startedAt
          + "\",\"ended_at\":\""
          + endedAt
          + "\"},\"spans\":["
          + String.join(",", spans)
          + "]}";
    }

    Path writeTo(Path dir) throws IOException {
      Path file = dir.resolve(traceId + ".json");
      Files.writeString(file, json(), StandardCharsets.UTF_8);
      return file;
    }
  }

  static final String PODCAST_ID = "trace_0000000000000000000000000000a001";
  static final String SUPPORT_ID = "trace_0000000000000000000000000000b002";

  /** A podcast run: agents, two tools (one failing once), a generation with usage, a handoff. */
  static TraceFile podcast() {
    return new TraceFile(
            PODCAST_ID,
            "Podcast workflow",
            "2026-11-21T19:36:01.000000Z",
            "2026-11-21T19:36:02.250000Z")
        .group("conv-123")
        .span(
            "span_a00000000000000000000001",
            null,
            "{\"type\":\"agent\",\"name\":\"Orchestrator\",\"handoffs\":[],"
                + "\"tools\":[\"write_audio\"],\"output_type\":\"Episode\"}")
        .span(
            "span_a00000000000000000000002",
            "span_a00000000000000000000001",
            "{\"type\":\"guardrail\",\"name\":\"topic_is_allowed\",\"triggered\":false}")
        .span(
            "span_a00000000000000000000003",
            "span_a00000000000000000000001",
            "{\"type\":\"generation\",\"input\":[],\"output\":[],\"model\":\"gpt-4.1-mini\","
                + "\"model_config\":{},\"usage\":{\"input_tokens\":120,\"output_tokens\":30}}")
        .span(
            "span_a00000000000000000000004",
            "span_a00000000000000000000001",
            "{\"type\":\"function\",\"name\":\"write_audio\",\"input\":\"{}\",\"output\":null,"
                + "\"mcp_data\":null}",
            "{\"message\":\"audio studio busy\",\"data\":null}")
        .span(
            "span_a00000000000000000000005",
            "span_a00000000000000000000001",
            "{\"type\":\"function\",\"name\":\"write_audio\",\"input\":\"{}\",\"output\":\"ok\","
                + "\"mcp_data\":null}")
        .span(
            "span_a00000000000000000000006",
            "span_a00000000000000000000001",
            "{\"type\":\"generation\",\"input\":[],\"output\":[],\"model\":\"gpt-4.1-mini\","
                + "\"model_config\":{},\"usage\":{\"input_tokens\":80,\"output_tokens\":12}}")
        .span(
            "span_a00000000000000000000007",
            null,
            "{\"type\":\"agent\",\"name\":\"Triage\",\"handoffs\":[\"Specialist\"],"
                + "\"tools\":[],\"output_type\":\"String\"}")
        .span(
            "span_a00000000000000000000008",
            "span_a00000000000000000000007",
            "{\"type\":\"handoff\",\"from_agent\":\"Triage\",\"to_agent\":\"Specialist\"}");
  }

  /** An earlier, smaller run whose input guardrail tripped. */
  static TraceFile tripped() {
    return new TraceFile(
            SUPPORT_ID,
            "Podcast workflow",
            "2026-11-21T19:30:00.000000Z",
            "2026-11-21T19:30:00.040000Z")
        .span(
            "span_b00000000000000000000001",
            null,
            "{\"type\":\"agent\",\"name\":\"Orchestrator\",\"handoffs\":[],\"tools\":[],"
                + "\"output_type\":\"Episode\"}",
            "{\"message\":\"guardrail topic_is_allowed tripped\",\"data\":null}")
        .span(
            "span_b00000000000000000000002",
            "span_b00000000000000000000001",
            "{\"type\":\"guardrail\",\"name\":\"topic_is_allowed\",\"triggered\":true}");
  }
}
