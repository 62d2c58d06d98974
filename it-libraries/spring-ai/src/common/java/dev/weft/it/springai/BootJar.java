package dev.weft.it.springai;

import dev.weft.testing.CapturedTrace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Spring Boot fat jar with {@code java -jar}, with only {@code -javaagent:weft-agent.jar}
 * or without it, and reads the trace files it leaves.
 */
final class BootJar {
  final int exitCode;
  final String stdout;
  final String stderr;
  final List<CapturedTrace> traces;

  private BootJar(int exitCode, String stdout, String stderr, List<CapturedTrace> traces) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.traces = traces;
  }

  static BootJar run(Path work, String agentOptions, String... args)
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
    command.add("-jar");
    command.add(System.getProperty("app.jar"));
    command.addAll(List.of(args));
    Files.createDirectories(work);
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the application did not finish: " + Files.readString(err));
    }
    List<CapturedTrace> read =
        Files.isDirectory(traces) ? CapturedTrace.readFolder(traces) : List.of();
    return new BootJar(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        read);
  }

  /** The lines the application itself printed, without Spring's log lines. */
  List<String> appLines() {
    return stdout.lines().filter(line -> line.startsWith("[desk]")).toList();
  }

  String describe() {
    StringBuilder text = new StringBuilder("exit " + exitCode + "\n--- stdout\n" + stdout);
    text.append("\n--- stderr\n").append(stderr).append("\n--- traces\n");
    for (CapturedTrace trace : traces) {
      text.append(trace.treeWithData()).append('\n');
    }
    return text.toString();
  }
}
