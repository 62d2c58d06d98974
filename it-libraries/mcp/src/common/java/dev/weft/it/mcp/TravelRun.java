package dev.weft.it.mcp;

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
 * One run of {@code com.acme.travel.TravelApp} in a JVM of its own, and of the MCP server it starts,
 * each with only {@code -javaagent:weft-agent.jar} (or neither), each writing its traces to a
 * folder of its own; and what they left.
 */
final class TravelRun {
  /** The application's own method that calls the MCP client: a function span by configuration. */
  static final String DESK_TOOL = "com.acme.travel.TravelDesk[checkWeather]@function";

  /** The server's work inside its forecast tool: a custom span by configuration. */
  static final String FORECAST_WORK = "com.acme.travel.Forecasts[lookup]@custom";

  final Path clientTraces;
  final Path serverTraces;
  final int exitCode;
  final String stdout;
  final String stderr;

  private TravelRun(Path work, int exitCode, String stdout, String stderr) {
    this.clientTraces = work.resolve("client-traces");
    this.serverTraces = work.resolve("server-traces");
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Runs the application in {@code mode} ({@code sync} or {@code async}); with the agent on both
   * sides and {@code options} added to each agent's when {@code agent} is true.
   */
  static TravelRun run(Path work, String mode, boolean agent, String options)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (agent) {
      command.add(agentOption(work.resolve("client-traces"), "methods=" + DESK_TOOL, options));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("com.acme.travel.TravelApp");
    command.add(mode);
    if (agent) {
      command.add(agentOption(work.resolve("server-traces"), "methods=" + FORECAST_WORK, options));
    }
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the application did not finish: " + Files.readString(err));
    }
    return new TravelRun(
        work,
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String agentOption(Path traces, String methods, String options) {
    return "-javaagent:"
        + System.getProperty("weft.agent.jar")
        + "=json.dir="
        + traces
        + ";batch.schedule-delay-ms=200;"
        + methods
        + (options.isEmpty() ? "" : ";" + options);
  }

  /** The client's traces, in start order. */
  List<CapturedTrace> clientTraces() throws IOException {
    return CapturedTrace.readFolder(clientTraces);
  }

  /**
   * The server's traces, in start order, once it has written as many as expected: the server
   * process ends after the application, and flushes as it goes down.
   */
  List<CapturedTrace> serverTraces(int expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<CapturedTrace> traces = CapturedTrace.readFolder(serverTraces);
    while (traces.size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
      traces = CapturedTrace.readFolder(serverTraces);
    }
    return traces;
  }

  /** Everything both sides wrote into their trace folders, as text. */
  String allTraceText() throws IOException {
    StringBuilder text = new StringBuilder();
    for (Path folder : List.of(clientTraces, serverTraces)) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
        }
      }
    }
    return text.toString();
  }

  String describe() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
