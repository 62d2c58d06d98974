package dev.weft.tracefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.internal.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the trace files the {@code json} exporter writes back into a {@link TraceRecord} and
 * immutable {@link SpanRecord}s, the type exporters receive, for tools that summarise or display
 * traces.
 *
 * <pre>{@code
 * for (Path file : TraceFiles.list(Path.of("weft-traces"))) {
 *   try {
 *     TraceFile trace = TraceFiles.read(file);
 *     System.out.print(TraceAnalysis.of(trace.trace(), trace.spans()).toTable());
 *   } catch (IOException e) {
 *     System.err.println(e.getMessage());
 *   }
 * }
 * }</pre>
 */
public final class TraceFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TraceFiles() {}

  /**
   * Returns the trace files of {@code path}: the file itself, or the {@code *.json} files directly
   * inside the folder, sorted by name.
   */
  public static List<Path> list(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> files = Files.list(path)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
  }

  /**
   * Reads one trace file.
   *
   * @throws MalformedTraceFileException when the file is not JSON or not shaped as a trace file
   * @throws IOException when the file cannot be read
   */
  public static TraceFile read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new MalformedTraceFileException(file + ": not UTF-8 text", e);
    }
    try {
      return parse(text);
    } catch (MalformedTraceFileException e) {
      throw new MalformedTraceFileException(file + ": " + e.getMessage(), e.getCause());
    }
  }

  /**
   * Parses the text of a trace file: {@code {"trace": {…}, "spans": […]}}.
   *
   * @throws MalformedTraceFileException when the text is not JSON or not shaped as a trace file
   */
  public static TraceFile parse(String json) throws MalformedTraceFileException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedTraceFileException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedTraceFileException("not a JSON object");
    }
    JsonNode traceNode = root.get("trace");
    if (traceNode == null || !traceNode.isObject()) {
      throw new MalformedTraceFileException("no \"trace\" object");
    }
    String traceId = SpanDataReader.text(traceNode.get("id"));
    if (traceId == null) {
      throw new MalformedTraceFileException("the trace has no \"id\"");
    }
    JsonNode spansNode = root.path("spans");
    if (!spansNode.isMissingNode() && !spansNode.isArray()) {
      throw new MalformedTraceFileException("\"spans\" is not an array");
    }
    TraceRecord trace =
        new TraceRecord(
            traceId,
            SpanDataReader.text(traceNode.get("workflow_name")),
            SpanDataReader.text(traceNode.get("group_id")),
            SpanDataReader.map(traceNode.get("metadata")),
            micros(traceNode.get("started_at")),
            micros(traceNode.get("ended_at")));
    List<SpanRecord> spans = new ArrayList<>();
    int skipped = 0;
    for (JsonNode node : spansNode) {
      SpanRecord span = span(node, trace);
      if (span == null) {
        skipped++;
        continue;
      }
      spans.add(span);
    }
    return new TraceFile(trace, spans, skipped);
  }

  private static SpanRecord span(JsonNode node, TraceRecord trace) {
    if (!node.isObject()
        || SpanDataReader.text(node.get("id")) == null
        || !node.path("span_data").isObject()) {
      return null;
    }
    return SpanRecord.of(
        trace,
        SpanDataReader.text(node.get("id")),
        SpanDataReader.text(node.get("parent_id")),
        micros(node.get("started_at")),
        micros(node.get("ended_at")),
        SpanDataReader.spanData(node.get("span_data")),
        SpanDataReader.error(node.get("error")),
        SpanDataReader.map(node.get("metadata")));
  }

  /** Returns a time in microseconds, or 0 when absent or not a time. */
  private static long micros(JsonNode node) {
    long value = Timestamps.parseMicros(SpanDataReader.text(node));
    return value == Long.MIN_VALUE ? 0 : value;
  }
}
