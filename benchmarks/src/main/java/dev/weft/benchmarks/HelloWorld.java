package dev.weft.benchmarks;

import dev.weft.annotations.ToolSpan;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hello-world whose start-up time and peak memory {@link StartupProbe} measures under each
 * agent. Its one method carries both Weft's and OpenTelemetry's annotation, so whichever agent is
 * attached has one span to make. Before exiting it prints its peak resident set size.
 */
public final class HelloWorld {
  private HelloWorld() {}

  /** Greets, then prints the process's {@code VmHWM} line from {@code /proc/self/status}. */
  public static void main(String[] args) throws IOException {
    System.out.println(greet(args.length > 0 ? args[0] : "world"));
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        System.out.println(line);
      }
    }
  }

  @ToolSpan
  @WithSpan
  static String greet(String name) {
    return "Hello, " + name + "!";
  }
}
