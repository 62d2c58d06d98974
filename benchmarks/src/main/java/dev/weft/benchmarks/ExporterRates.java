package dev.weft.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link ExporterRun} for every exporter, each in a JVM of its own, and gathers the figures:
 * {@code none} first (the cost of making the spans alone), then {@code json} and {@code jsonl} to a
 * new folder, {@code console} with the child's standard output redirected to a file, {@code openai}
 * to a loopback server that answers as the ingest endpoint and {@code otlp} to a loopback OTLP/HTTP
 * sink.
 */
final class ExporterRates {
  /** The exporters measured by default, in order. */
  static final String EXPORTERS = "none,json,jsonl,console,openai,otlp";

  /**
   * The figures of one exporter.
   *
   * @param exporter the exporter's name
   * @param spans spans produced while measuring
   * @param warmupSpans spans produced before, while warming up
   * @param seconds the time they took, the final flush included
   * @param dropped trace and span records the batch processor dropped while measuring
   * @param cpuNanosPerSpan the application thread's CPU time per span
   * @param output what reached the output, in words (files, bytes, requests)
   * @param outputBytes the bytes that reached the output, warm-up included
   * @param loadBefore the load average before the JVM started
   */
  record Result(
      String exporter,
      long spans,
      long warmupSpans,
      double seconds,
      long dropped,
      double cpuNanosPerSpan,
      String output,
      long outputBytes,
      String loadBefore) {
    double spansPerSecond() {
      return spans / seconds;
    }

    /** Returns the bytes written per second while measuring, warm-up and measured spans alike. */
    double megabytesPerSecond() {
      return outputBytes / (double) (spans + warmupSpans) * spansPerSecond() / 1e6;
    }
  }

  /**
   * How fast this machine takes a new file into its page cache: what the file exporters write
   * against.
   *
   * @param firstMbPerSecond writing a new file, in memory as the machine hands it out
   * @param againMbPerSecond writing it again at once after deleting it, in the pages just freed
   */
  record PageCacheRate(double firstMbPerSecond, double againMbPerSecond) {}

  /** The size of the file {@link #measurePageCache} writes. */
  static final long PROBE_BYTES = 2L << 30;

  private final String java;
  private final String classPath;
  private final Path workDir;
  // The json exporter's hundreds of thousands of files, deleted just before the next part, would
  // slow that part's own file making (ext4 passes over recently freed inodes for minutes); the
  // caller may keep them and delete them once every part has run.
  private final boolean keepOutput;
  private final int seconds;
  private final int warmup;

  ExporterRates(
      String java, String classPath, Path workDir, int seconds, int warmup, boolean keepOutput) {
    this.java = java;
    this.classPath = classPath;
    this.workDir = workDir;
    this.keepOutput = keepOutput;
    this.seconds = seconds;
    this.warmup = warmup;
  }

  /** Measures the named exporters in turn; one that fails is reported and the others still run. */
  List<Result> measure(
      List<String> exporters, LoopbackSink ingest, LoopbackSink otlp, Report report) {
    List<Result> results = new ArrayList<>();
    for (String exporter : exporters) {
      try {
        results.add(measure(exporter, ingest, otlp));
      } catch (IOException | RuntimeException e) {
        report.note("exporter " + exporter + " NOT MEASURED: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return results;
  }

  private Result measure(String exporter, LoopbackSink ingest, LoopbackSink otlp)
      throws IOException, InterruptedException {
    settleDisk();
    Path dir = workDir.resolve("exporter-" + exporter);
    Files.createDirectories(dir);
    Path figures = workDir.resolve("exporter-" + exporter + ".properties");
    Path stdout = workDir.resolve("exporter-" + exporter + ".out");
    Path stderr = workDir.resolve("exporter-" + exporter + ".err");
    LoopbackSink sink = exporter.equals("openai") ? ingest : otlp;
    long requestsBefore = sink.requests();
    long bytesBefore = sink.bytes();
    String loadBefore = Report.loadAverage();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(Setups.HEAP);
    command.addAll(
        List.of(
            "-cp",
            classPath,
            ExporterRun.class.getName(),
            "exporter=" + exporter,
            "seconds=" + seconds,
            "warmup=" + warmup,
            "dir=" + dir,
            "openai.endpoint=" + ingest.baseUrl() + "/v1/traces/ingest",
            "otlp.endpoint=" + otlp.baseUrl() + "/v1/traces",
            "out=" + figures));
    System.out.println("exporter " + exporter + ": measuring for " + (warmup + seconds) + " s");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(warmup + seconds + 180L, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("did not finish; stderr: " + tail(stderr));
    }
    if (process.exitValue() != 0 || !Files.exists(figures)) {
      throw new IllegalStateException("exit " + process.exitValue() + "; stderr: " + tail(stderr));
    }
    Properties values = new Properties();
    try (Reader in = Files.newBufferedReader(figures)) {
      values.load(in);
    }
    long[] written = files(dir);
    long outputBytes =
        switch (exporter) {
          case "console" -> Files.size(stdout);
          case "openai", "otlp" -> sink.bytes() - bytesBefore;
          default -> written[1];
        };
    String output =
        switch (exporter) {
          case "none" -> "";
          case "console" -> mb(outputBytes) + " on standard output (a file)";
          case "openai", "otlp" ->
              String.format(
                  Locale.ROOT,
                  "%,d requests, %s",
                  sink.requests() - requestsBefore,
                  mb(outputBytes));
          default ->
              String.format(
                  Locale.ROOT,
                  "%,d file%s, %s",
                  written[0],
                  written[0] == 1 ? "" : "s",
                  mb(outputBytes));
        };
    if (!keepOutput) {
      delete(dir);
    }
    Files.deleteIfExists(stdout);
    return new Result(
        exporter,
        Long.parseLong(values.getProperty("spans")),
        Long.parseLong(values.getProperty("warmupSpans")),
        Double.parseDouble(values.getProperty("seconds")),
        Long.parseLong(values.getProperty("dropped")),
        Double.parseDouble(values.getProperty("cpuNanosPerSpan")),
        output,
        outputBytes,
        loadBefore);
  }

  /** Returns how many files {@code dir} holds, at any depth, and their bytes. */
  private static long[] files(Path dir) throws IOException {
    long count = 0;
    long bytes = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        count++;
        bytes += Files.size(file);
      }
    }
    return new long[] {count, bytes};
  }

  /**
   * Writes a new file of {@link #PROBE_BYTES} in the work folder, a megabyte at a time and not
   * synced, as the file exporters write; deletes it and writes it again at once. The first rate is
   * that of a growing page cache, as the file exporters meet it; the second that of pages the
   * kernel has just freed. On a virtual machine whose host backs memory only once touched and takes
   * back what the kernel frees, the first is far lower: each new page waits for the host.
   */
  PageCacheRate measurePageCache() throws IOException, InterruptedException {
    // After the exporters: the json row's files are still being written back.
    settleDisk();
    Files.createDirectories(workDir);
    Path probe = workDir.resolve("page-cache-probe");
    double first = writeProbe(probe);
    Files.delete(probe);
    double again = writeProbe(probe);
    // Deleted before it is written back, it leaves the disk nothing to do.
    Files.delete(probe);
    return new PageCacheRate(first, again);
  }

  private static double writeProbe(Path file) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
    long start = System.nanoTime();
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long written = 0; written < PROBE_BYTES; written += chunk.capacity()) {
        chunk.clear();
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return PROBE_BYTES / 1e6 / seconds;
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
  }

  /**
   * Waits until the kernel has written out what earlier runs left in the page cache: the json row's
   * two gigabytes would otherwise be written back while the next exporter is measured, on the same
   * two cores.
   */
  private static void settleDisk() throws InterruptedException {
    try {
      Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
      if (!sync.waitFor(120, TimeUnit.SECONDS)) {
        sync.destroyForcibly();
      }
    } catch (IOException e) {
      System.out.println(
          "no sync command (" + e.getMessage() + "); exporters measured as they come");
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
