package dev.weft.export.files;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An application run in its own JVM by the exporter tests: {@code exit} records traces and returns
 * from main without shutting tracing down; {@code burst} records {@code args[1]} traces of ten
 * small spans as fast as it can, then returns the same way; {@code loop} records traces until it is
 * killed.
 */
public final class ForkedTraceWriter {
  private ForkedTraceWriter() {}

  /** Runs the mode named by {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("exit")) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        ids.add(recordTrace("exit-" + i));
      }
      Trace open = Tracing.trace("left-open").start();
      Tracing.startAgentSpan("finished-inside-open-trace").close();
      ids.add(open.traceId());
      System.out.println(String.join(",", ids));
      return;
    }
    if (args[0].equals("burst")) {
      int traces = Integer.parseInt(args[1]);
      for (int i = 0; i < traces; i++) {
        try (Trace trace = Tracing.trace("burst").start();
            Span agent = Tracing.startAgentSpan("Agent")) {
          for (int t = 0; t < 9; t++) {
            Tracing.startFunctionSpan("lookup_order", "{\"order\":42}").close();
          }
        }
      }
      System.out.println("burst done");
      return;
    }
    for (int i = 0; ; i++) {
      recordTrace("loop-" + i);
      if (i % 20 == 0) {
        TimeUnit.MILLISECONDS.sleep(2);
      }
    }
  }

  private static String recordTrace(String name) {
    try (Trace trace = Tracing.trace(name).start();
        Span agent = Tracing.startAgentSpan("Agent")) {
      for (int t = 0; t < 3; t++) {
        try (Span tool = Tracing.startFunctionSpan("tool_" + t, "{\"n\":" + t + "}")) {
          tool.setMetadata("pad", "x".repeat(2_000));
        }
      }
      return trace.traceId();
    }
  }

  /** Starts this class in a new JVM with the given system properties and mode. */
  static Process start(Path workDir, String mode, String... systemProperties) throws Exception {
    return start(new ArrayList<>(), workDir, mode, systemProperties);
  }

  /** Starts the {@code burst} mode in a new JVM: {@code traces} traces of ten spans, then exit. */
  static Process startBurst(Path workDir, int traces, String... systemProperties) throws Exception {
    return start(new ArrayList<>(), workDir, "burst " + traces, systemProperties);
  }

  /**
   * Starts this class in a new JVM that may write no file larger than {@code fileSizeLimitKb} KiB
   * ({@code ulimit -f}): the JVM ignores SIGXFSZ, so a write past the limit fails with "File too
   * large", as a write to a full disk fails.
   */
  static Process startWithFileSizeLimit(
      int fileSizeLimitKb, Path workDir, String mode, String... systemProperties) throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of("bash", "-c", "ulimit -f " + fileSizeLimitKb + " && exec \"$@\"", "limited"));
    return start(command, workDir, mode, systemProperties);
  }

  private static Process start(
      List<String> command, Path workDir, String mode, String... systemProperties)
      throws Exception {
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.addAll(List.of(systemProperties));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ForkedTraceWriter.class.getName());
    command.addAll(List.of(mode.split(" ")));
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectError(workDir.resolve("stderr.txt").toFile())
        .start();
  }
}
