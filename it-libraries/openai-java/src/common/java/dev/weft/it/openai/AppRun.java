package dev.weft.it.openai;

import dev.weft.testing.CapturedTrace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an application in a JVM of its own, with only {@code -javaagent:weft-agent.jar} or with no
 * agent at all, and reads the trace files it leaves.
 */
final class AppRun {
  final int exitCode;
  final String stdout;
  final String stderr;
  final List<CapturedTrace> traces;
  final String files;

  private AppRun(
      int exitCode, String stdout, String stderr, List<CapturedTrace> traces, String files) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.traces = traces;
    this.files = files;
  }

  /** Runs {@code mainClass} without the agent. */
  static AppRun plain(Path work, Class<?> mainClass, String... args) throws Exception {
    return run(work, null, mainClass, args);
  }

  /** Runs {@code mainClass} with the agent and the agent options given ({@code key=value;…}). */
  static AppRun traced(Path work, String agentOptions, Class<?> mainClass, String... args)
      throws Exception {
    return run(work, agentOptions, mainClass, args);
  }

  private static AppRun run(Path work, String agentOptions, Class<?> mainClass, String... args)
      throws IOException, InterruptedException {
    Path traces = work.resolve("traces");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (agentOptions != null) {
      command.add(
          "-javaagent:"
              + System.getProperty("weft.agent.jar")
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
    boolean agent = agentOptions != null && Files.isDirectory(traces);
    return new AppRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        agent ? CapturedTrace.readFolder(traces) : List.of(),
        agent ? allText(traces) : "");
  }

  /** Returns the spans of one type over all traces, in trace start order. */
  List<dev.weft.SpanRecord> spans(String type) {
    List<dev.weft.SpanRecord> spans = new ArrayList<>();
    for (CapturedTrace trace : traces) {
      spans.addAll(trace.spans(type));
    }
    return spans;
  }

  String describe() {
    StringBuilder text = new StringBuilder("exit " + exitCode + "\n--- stdout\n" + stdout);
    text.append("\n--- stderr\n").append(stderr).append("\n--- traces\n");
    for (CapturedTrace trace : traces) {
      text.append(trace.treeWithData()).append('\n');
    }
    return text.toString();
  }

  private static String allText(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return text.toString();
  }
}
