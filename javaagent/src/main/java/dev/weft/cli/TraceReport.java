package dev.weft.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the command line tells about one trace file: its shape, tokens, tools, handoffs, errors. */
final class TraceReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path file;
  final String traceId;
  final String workflowName;
  final String groupId;
  final String startedAt;
  final boolean ended;

  /** Microseconds from the trace's start to its end (or its last span's end); -1 when unknown. */
  final long durationMicros;

  final int spanCount;
  final Map<String, Integer> spansByType;
  final long inputTokens;
  final long outputTokens;
  final Map<String, Integer> toolCalls;
  final List<String> handoffs;
  final List<String> trippedGuardrails;
  final List<String> errors;

  private TraceReport(Path file, JsonNode trace, JsonNode spans) {
    this.file = file;
    this.traceId = trace.path("id").asText("?");
    this.workflowName = trace.path("workflow_name").asText("");
    this.groupId = trace.path("group_id").isTextual() ? trace.path("group_id").asText() : null;
    this.startedAt = trace.path("started_at").asText(null);
    Map<String, Integer> byType = new LinkedHashMap<>();
    Map<String, Integer> tools = new LinkedHashMap<>();
    List<String> handoffList = new ArrayList<>();
    List<String> tripped = new ArrayList<>();
    List<String> errorList = new ArrayList<>();
    long in = 0;
    long out = 0;
    Instant lastEnd = null;
    for (JsonNode span : spans) {
      JsonNode data = span.path("span_data");
      String type = typeOf(data);
      byType.merge(type, 1, Integer::sum);
      switch (type) {
        case "function" -> tools.merge(data.path("name").asText("?"), 1, Integer::sum);
        case "handoff" ->
            handoffList.add(
                data.path("from_agent").asText("?") + " -> " + data.path("to_agent").asText("?"));
        case "guardrail" -> {
          if (data.path("triggered").asBoolean(false)) {
            tripped.add(data.path("name").asText("?"));
          }
        }
        default -> {}
      }
      JsonNode usage = data.path("usage");
      if (("generation".equals(type) || "response".equals(type)) && usage.isObject()) {
        in += usage.path("input_tokens").asLong(0);
        out += usage.path("output_tokens").asLong(0);
      }
      JsonNode error = span.path("error");
      if (error.isObject()) {
        errorList.add(label(type, data) + ": " + error.path("message").asText(""));
      }
      Instant end = instant(span.path("ended_at"));
      if (end != null && (lastEnd == null || end.isAfter(lastEnd))) {
        lastEnd = end;
      }
    }
    Instant start = instant(trace.path("started_at"));
    Instant end = instant(trace.path("ended_at"));
    this.ended = end != null;
    Instant effectiveEnd = end != null ? end : lastEnd;
    this.durationMicros =
        start == null || effectiveEnd == null ? -1 : start.until(effectiveEnd, ChronoUnit.MICROS);
    this.spanCount = spans.size();
    this.spansByType = Collections.unmodifiableMap(byType);
    this.inputTokens = in;
    this.outputTokens = out;
    this.toolCalls = Collections.unmodifiableMap(tools);
    this.handoffs = List.copyOf(handoffList);
    this.trippedGuardrails = List.copyOf(tripped);
    this.errors = List.copyOf(errorList);
  }

  /**
   * Reads one trace file.
   *
   * @throws IOException when the file cannot be read or is not a trace file, with a one-line reason
   */
  static TraceReport read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new IOException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.path("trace").isObject()) {
      throw new IOException("not a trace file: no \"trace\" object");
    }
    if (!root.path("spans").isArray()) {
      throw new IOException("not a trace file: no \"spans\" array");
    }
    return new TraceReport(file, root.get("trace"), root.get("spans"));
  }

  int toolCallCount() {
    return toolCalls.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The span's type; task and turn spans travel as custom spans and are named by their kind. */
  private static String typeOf(JsonNode data) {
    String type = data.path("type").asText("unknown");
    if ("custom".equals(type)) {
      String sdkType = data.path("data").path("sdk_span_type").asText("");
      if ("task".equals(sdkType) || "turn".equals(sdkType)) {
        return sdkType;
      }
    }
    return type;
  }

  private static String label(String type, JsonNode data) {
    return switch (type) {
      case "handoff" -> "handoff to " + data.path("to_agent").asText("?");
      case "mcp_tools" -> "mcp_tools " + data.path("server").asText("?");
      case "generation" -> ("generation " + data.path("model").asText("")).strip();
      default -> data.path("name").isTextual() ? data.path("name").asText() : type;
    };
  }

  private static Instant instant(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
