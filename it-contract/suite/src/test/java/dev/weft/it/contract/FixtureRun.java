package dev.weft.it.contract;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the contract fixture in a fresh JVM, launched the way a user would: a class path, the
 * JVM options of one weaving route, and {@code weft.json.dir} pointing at a folder of its own.
 */
final class FixtureRun {
  private static final String MAIN = "com.example.contract.ContractApp";
  private static final long TIMEOUT_SECONDS = 120;

  final String name;
  final Path traceDir;
  final List<String> stdout;
  final String stderr;
  final int exitCode;

  private FixtureRun(String name, Path traceDir, List<String> stdout, String stderr, int exitCode) {
    this.name = name;
    this.traceDir = traceDir;
    this.stdout = stdout;
    this.stderr = stderr;
    this.exitCode = exitCode;
  }

  /**
   * Launches the fixture and waits for it to exit.
   *
   * @param name the run's name, also its folder under {@code work}
   * @param classPath the class path entries
   * @param jvmOptions options of the weaving route ({@code -javaagent:...}) and configuration
   */
  static FixtureRun launch(Path work, String name, List<Path> classPath, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Path runDir = work.resolve(name);
    deleteRecursively(runDir);
    Path traceDir = runDir.resolve("traces");
    Files.createDirectories(traceDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.addAll(jvmOptions);
    command.add("-Dweft.json.dir=" + traceDir);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
    command.add(MAIN);
    Path out = runDir.resolve("stdout.txt");
    Path err = runDir.resolve("stderr.txt");
    Files.writeString(runDir.resolve("command.txt"), String.join(" ", command));
    Process process =
        new ProcessBuilder(command)
            .directory(runDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(name + ": fixture did not finish within the timeout");
    }
    return new FixtureRun(
        name,
        traceDir,
        Files.readAllLines(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        process.exitValue());
  }

  /** Returns the lines the fixture printed about checks only it can make. */
  List<String> checks() {
    return stdout.stream().filter(line -> line.startsWith("check ")).toList();
  }

  @Override
  public String toString() {
    return name
        + " (exit "
        + exitCode
        + ")\nstdout:\n"
        + String.join("\n", stdout)
        + "\nstderr:\n"
        + stderr;
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var paths = Files.walk(path)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
