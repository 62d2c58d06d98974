package dev.weft.it.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The traces one fixture run wrote, read back from its JSON files, plus a normalised form in which
 * runs can be compared: ids and times replaced by placeholders, spans arranged as trees with
 * siblings in a canonical order (parallel work starts in any order).
 */
final class TraceSet {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private static final Pattern ID = Pattern.compile("(trace|span|group)_[0-9a-f]{24,32}");
  private static final Pattern TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  /** The trace files by workflow name (a name shared by several traces maps to all of them). */
  final Map<String, List<JsonNode>> byWorkflow;

  private TraceSet(Map<String, List<JsonNode>> byWorkflow) {
    this.byWorkflow = byWorkflow;
  }

  /** Reads every trace file of a folder. */
  static TraceSet read(Path dir) throws IOException {
    Map<String, List<JsonNode>> traces = new TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        String workflow = root.path("trace").path("workflow_name").asText();
        traces.computeIfAbsent(workflow, k -> new ArrayList<>()).add(root);
      }
    }
    return new TraceSet(traces);
  }

  /** Returns the single trace of a workflow. */
  JsonNode trace(String workflow) {
    List<JsonNode> found = byWorkflow.get(workflow);
    if (found == null || found.size() != 1) {
      throw new AssertionError(
          "expected one trace named " + workflow + ", found " + byWorkflow.keySet());
    }
    return found.get(0);
  }

  /** Returns every span of every trace. */
  List<JsonNode> allSpans() {
    List<JsonNode> spans = new ArrayList<>();
    byWorkflow.values().forEach(list -> list.forEach(t -> t.get("spans").forEach(spans::add)));
    return spans;
  }

  /** Returns the spans of a trace whose span data has this type and name (name may be null). */
  static List<JsonNode> spans(JsonNode trace, String type, String name) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode span : trace.get("spans")) {
      JsonNode data = span.get("span_data");
      if (data.path("type").asText().equals(type)
          && (name == null || name.equals(data.path("name").asText(null)))) {
        found.add(span);
      }
    }
    return found;
  }

  /** Returns the one span of a trace with this type and name. */
  static JsonNode span(JsonNode trace, String type, String name) {
    List<JsonNode> found = spans(trace, type, name);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " spans " + type + "/" + name + " in " + trace);
    }
    return found.get(0);
  }

  /** Returns the parent of a span within its trace, or null for a root span. */
  static JsonNode parent(JsonNode trace, JsonNode span) {
    String parentId = span.path("parent_id").asText(null);
    if (parentId == null) {
      return null;
    }
    for (JsonNode candidate : trace.get("spans")) {
      if (candidate.get("id").asText().equals(parentId)) {
        return candidate;
      }
    }
    throw new AssertionError("parent " + parentId + " of " + span + " is not in its trace");
  }

  /** Returns the whole set in normalised, comparable form, pretty printed. */
  String normalised() throws IOException {
    ObjectNode all = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, List<JsonNode>> entry : byWorkflow.entrySet()) {
      List<JsonNode> traces = new ArrayList<>();
      for (JsonNode trace : entry.getValue()) {
        traces.add(normaliseTrace(trace));
      }
      traces.sort(Comparator.comparing(JsonNode::toString));
      ArrayNode list = all.putArray(entry.getKey());
      traces.forEach(list::add);
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all);
  }

  private static JsonNode normaliseTrace(JsonNode file) {
    JsonNode trace = file.get("trace");
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("workflow_name", trace.get("workflow_name"));
    out.set("group_id", placeholders(trace.get("group_id")));
    out.set("metadata", placeholders(trace.get("metadata")));
    Map<String, List<JsonNode>> children = new LinkedHashMap<>();
    for (JsonNode span : file.get("spans")) {
      String parent = span.path("parent_id").isNull() ? "" : span.path("parent_id").asText("");
      children.computeIfAbsent(parent, k -> new ArrayList<>()).add(span);
    }
    out.set("spans", tree("", children));
    return out;
  }

  private static ArrayNode tree(String parentId, Map<String, List<JsonNode>> children) {
    List<JsonNode> nodes = new ArrayList<>();
    for (JsonNode span : children.getOrDefault(parentId, List.of())) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.set("span_data", placeholders(span.get("span_data")));
      node.set("error", withoutStack(placeholders(span.get("error"))));
      if (span.has("metadata")) {
        node.set("metadata", placeholders(span.get("metadata")));
      }
      node.set("children", tree(span.get("id").asText(), children));
      nodes.add(node);
    }
    nodes.sort(Comparator.comparing(JsonNode::toString));
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    nodes.forEach(array::add);
    return array;
  }

  /**
   * Drops the stack frames of a recorded error: each weaving route adds frames of its own between
   * the caller and the method (AspectJ closures, the aspect), so only the rest is comparable.
   */
  private static JsonNode withoutStack(JsonNode error) {
    if (error instanceof ObjectNode object && object.get("data") instanceof ObjectNode data) {
      data.remove("stack");
    }
    return error;
  }

  /** Replaces ids and timestamps anywhere in a value, including inside captured text. */
  private static JsonNode placeholders(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      String text = ID.matcher(value.asText()).replaceAll("$1_<id>");
      return new TextNode(TIME.matcher(text).replaceAll("<time>"));
    }
    if (value.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), placeholders(field.getValue()));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      value.forEach(element -> copy.add(placeholders(element)));
      return copy;
    }
    return value;
  }
}
