package dev.weft.it.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an application in a JVM of its own with only {@code -javaagent:weft-agent.jar}, and reads
 * the trace files it leaves.
 */
final class AppRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  final int exitCode;
  final String stdout;
  final String stderr;
  final List<Trace> traces;

  private AppRun(int exitCode, String stdout, String stderr, List<Trace> traces) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.traces = traces;
  }

  /** Runs {@code mainClass} with the agent, or without it when {@code agent} is false. */
  static AppRun run(Path work, boolean agent, String agentOptions, Class<?> mainClass, String... args)
      throws IOException, InterruptedException {
    return run(work, agent, List.of(), agentOptions, mainClass, args);
  }

  /** {@link #run(Path, boolean, String, Class, String...)} with JVM options before the agent's. */
  static AppRun run(
      Path work,
      boolean agent,
      List<String> jvmOptions,
      String agentOptions,
      Class<?> mainClass,
      String... args)
      throws IOException, InterruptedException {
    Path traces = work.resolve("traces");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    if (agent) {
      String jar = System.getProperty("weft.agent.jar");
      command.add(
          "-javaagent:"
              + jar
              + "=json.dir="
              + traces
              + ";batch.schedule-delay-ms=200"
              + (agentOptions.isEmpty() ? "" : ";" + agentOptions));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Files.createDirectories(work);
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the application did not finish: " + Files.readString(err));
    }
    return new AppRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        agent ? read(traces) : List.of());
  }

  String describe() {
    StringBuilder text = new StringBuilder("exit " + exitCode + "\n--- stdout\n" + stdout);
    text.append("\n--- stderr\n").append(stderr).append("\n--- traces\n");
    for (Trace trace : traces) {
      text.append(trace.tree()).append('\n');
    }
    return text.toString();
  }

  private static List<Trace> read(Path dir) throws IOException {
    List<Trace> traces = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return traces;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("trace_")).toList()) {
        traces.add(new Trace(JSON.readTree(file.toFile())));
      }
    }
    traces.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
    return traces;
  }

  /** One trace file. */
  record Trace(JsonNode root) {
    String workflow() {
      return root.at("/trace/workflow_name").asText();
    }

    String startedAt() {
      return root.at("/trace/started_at").asText();
    }

    List<JsonNode> spans() {
      List<JsonNode> spans = new ArrayList<>();
      root.path("spans").forEach(spans::add);
      return spans;
    }

    List<JsonNode> spans(String type) {
      return spans().stream().filter(s -> type.equals(s.at("/span_data/type").asText())).toList();
    }

    JsonNode span(String type, String name) {
      return spans().stream()
          .filter(s -> type.equals(s.at("/span_data/type").asText()))
          .filter(s -> name.equals(name(s)))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + type + " span " + name + " in\n" + tree()));
    }

    JsonNode parentOf(JsonNode span) {
      String parent = span.path("parent_id").asText(null);
      return spans().stream()
          .filter(s -> s.path("id").asText().equals(parent))
          .findFirst()
          .orElse(null);
    }

    /** The span tree as indented lines of type and name, children in start order. */
    String tree() {
      StringBuilder text = new StringBuilder("trace " + workflow() + "\n");
      appendChildren(text, null, 1);
      return text.toString();
    }

    private void appendChildren(StringBuilder text, String parentId, int depth) {
      for (JsonNode span : spans()) {
        String parent = span.path("parent_id").isNull() ? null : span.path("parent_id").asText();
        if ((parentId == null && parent == null) || (parentId != null && parentId.equals(parent))) {
          text.append("  ".repeat(depth))
              .append(span.at("/span_data/type").asText())
              .append(' ')
              .append(name(span))
              .append(span.path("error").isNull() ? "" : " ERROR")
              .append('\n');
          appendChildren(text, span.path("id").asText(), depth + 1);
        }
      }
    }

    static String name(JsonNode span) {
      JsonNode data = span.path("span_data");
      String type = data.path("type").asText();
      return switch (type) {
        case "generation" -> data.path("model").asText();
        case "handoff" -> data.path("from_agent").asText() + " -> " + data.path("to_agent").asText();
        case "mcp_tools" -> data.path("server").asText();
        default -> data.path("name").asText();
      };
    }
  }

  static String classPathSeparator() {
    return File.pathSeparator;
  }
}
