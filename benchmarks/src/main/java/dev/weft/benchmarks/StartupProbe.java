package dev.weft.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures the start-up time and peak memory of {@link HelloWorld} under each agent: launches it
 * several times per configuration, in turn so that a change of machine load touches every
 * configuration alike, and keeps the medians.
 */
final class StartupProbe {
  /**
   * The start-up figures of one configuration.
   *
   * @param name the configuration's name
   * @param millis the median wall time from launch to exit
   * @param rssKb the median peak resident set size ({@code VmHWM}) in kB
   * @param runs how many launches were measured
   */
  record Result(String name, double millis, double rssKb, int runs) {}

  /**
   * A configuration to launch.
   *
   * @param name the configuration's name
   * @param jvmArgs the JVM arguments before the main class
   * @param emptiedBeforeEach a folder made empty before each launch (the launch's temporary
   *     directory, say, where the agent keeps what it reuses between starts), or null
   */
  record Launch(String name, List<String> jvmArgs, Path emptiedBeforeEach) {
    Launch(String name, List<String> jvmArgs) {
      this(name, jvmArgs, null);
    }
  }

  private final String java;
  private final String classPath;

  StartupProbe(String java, String classPath) {
    this.java = java;
    this.classPath = classPath;
  }

  /** Launches each configuration once unmeasured, then {@code runs} times measured. */
  List<Result> measure(List<Launch> launches, int runs) throws IOException, InterruptedException {
    Map<String, List<double[]>> samples = new LinkedHashMap<>();
    for (Launch launch : launches) {
      launchOnce(launch); // warms the page cache, so the first measured run is not an outlier
      samples.put(launch.name(), new ArrayList<>());
    }
    for (int i = 0; i < runs; i++) {
      for (Launch launch : launches) {
        samples.get(launch.name()).add(launchOnce(launch));
      }
    }
    List<Result> results = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
      double[] millis = e.getValue().stream().mapToDouble(s -> s[0]).toArray();
      double[] rss = e.getValue().stream().mapToDouble(s -> s[1]).toArray();
      results.add(new Result(e.getKey(), median(millis), median(rss), runs));
    }
    return results;
  }

  /** Returns {wall millis, VmHWM kB} of one launch. */
  private double[] launchOnce(Launch launch) throws IOException, InterruptedException {
    if (launch.emptiedBeforeEach() != null) {
      empty(launch.emptiedBeforeEach());
    }
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(launch.jvmArgs());
    command.add("-cp");
    command.add(classPath);
    command.add(HelloWorld.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    double millis = (System.nanoTime() - start) / 1e6;
    if (exit != 0 || !out.contains("Hello, world!")) {
      throw new IllegalStateException(
          launch.name() + ": hello-world failed (exit " + exit + "): " + out.strip());
    }
    double rssKb = Double.NaN;
    for (String line : out.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        rssKb = Double.parseDouble(line.substring(6).replace("kB", "").strip());
      }
    }
    return new double[] {millis, rssKb};
  }

  /** Deletes what {@code dir} holds, making it when missing. */
  private static void empty(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          if (!path.equals(dir)) {
            Files.delete(path);
          }
        }
      }
    }
    Files.createDirectories(dir);
  }

  /** Returns the median of {@code values}. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Returns the path of the running JVM's {@code java} launcher. */
  static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
