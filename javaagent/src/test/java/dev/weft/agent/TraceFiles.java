package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The trace files a run wrote, parsed, with look-ups by workflow, span type and name. */
final class TraceFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;
  private final List<TraceFile> traces;

  private TraceFiles(Path dir, List<TraceFile> traces) {
    this.dir = dir;
    this.traces = traces;
  }

  static TraceFiles read(Path dir) throws IOException {
    List<TraceFile> traces = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().startsWith("trace_")).sorted().toList()) {
          JsonNode root = MAPPER.readTree(file.toFile());
          List<JsonNode> spans = new ArrayList<>();
          root.get("spans").forEach(spans::add);
          traces.add(new TraceFile(root.get("trace"), spans));
        }
      }
    }
    return new TraceFiles(dir, traces);
  }

  Path dir() {
    return dir;
  }

  List<TraceFile> all() {
    return traces;
  }

  /** Returns the one trace of this workflow. */
  TraceFile workflow(String name) {
    List<TraceFile> matching =
        traces.stream().filter(t -> name.equals(t.trace().path("workflow_name").asText())).toList();
    assertThat(matching).as("traces of workflow %s among %s", name, names()).hasSize(1);
    return matching.get(0);
  }

  List<String> names() {
    return traces.stream().map(t -> t.trace().path("workflow_name").asText()).toList();
  }

  /** One trace file: the trace object and its spans in start order. */
  record TraceFile(JsonNode trace, List<JsonNode> spans) {

    /** Returns every span of a type and name (name = {@code span_data.name}). */
    List<JsonNode> spans(String type, String name) {
      return spans.stream()
          .filter(s -> type.equals(s.path("span_data").path("type").asText()))
          .filter(s -> name == null || name.equals(s.path("span_data").path("name").asText()))
          .toList();
    }

    /** Returns the one span of a type and name. */
    JsonNode span(String type, String name) {
      List<JsonNode> found = spans(type, name);
      assertThat(found).as("%s spans named %s", type, name).hasSize(1);
      return found.get(0);
    }

    /** Returns the span with this id. */
    JsonNode byId(String id) {
      return spans.stream().filter(s -> id.equals(s.path("id").asText())).findFirst().orElseThrow();
    }

    /** Returns the spans whose parent is {@code parent}. */
    List<JsonNode> children(JsonNode parent) {
      String id = parent.path("id").asText();
      return spans.stream().filter(s -> id.equals(s.path("parent_id").asText())).toList();
    }

    /** Returns the data of a span. */
    static JsonNode data(JsonNode span) {
      return span.path("span_data");
    }
  }
}
