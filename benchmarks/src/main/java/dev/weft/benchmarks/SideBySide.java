package dev.weft.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the side-by-side measurement of the performance targets in one go: {@link
 * AnnotatedMethodBenchmark} under each agent configuration (one forked JVM each, different {@code
 * -javaagent} flags), then every exporter's sustained rate and cost to the application thread
 * ({@link ExporterRates}), then the hello-world start-up under each agent, and prints one report
 * with the targets.
 *
 * <p>Arguments are {@code key=value}: {@code weft.agent}, {@code otel.agent} (jar paths), {@code
 * out} (report file), {@code forks}, {@code wi}, {@code w}, {@code i}, {@code r} (JMH warm-up and
 * measurement iterations and seconds), {@code startup.runs}, {@code exporters} (comma list of the
 * exporters to measure), {@code exporters.seconds} and {@code exporters.warmup} (per exporter),
 * {@code only} (comma list of configuration names, plus {@code exporters} and {@code startup}, to
 * re-run part of it), {@code prof} (comma list of extra JMH profilers, such as {@code stack}, to
 * find hot spots) and {@code work} (the folder the runs write in; when given, the exporters' output
 * is left there for the caller to delete, as {@code run.sh} does once every part has run).
 */
public final class SideBySide {
  /**
   * JMH forks per benchmark. Each fork compiles the benchmark afresh, and one fork's figure can
   * differ from the next by more than a row's margin: in single-fork runs the batch + two strings
   * row came out at 0.50 and 0.55 of {@code @WithSpan} with one build, and at 0.59 and 0.44 with
   * the build before, whose per-span path is the same. The median over the iterations of three
   * forks moves less.
   */
  private static final String DEFAULT_FORKS = "3";

  private SideBySide() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    boolean keepOutput = opts.containsKey("work");
    Path workDir =
        keepOutput
            ? Files.createDirectories(Path.of(opts.get("work")))
            : Files.createTempDirectory("weft-bench");
    Path weftAgent = Path.of(opts.getOrDefault("weft.agent", "javaagent/target/weft-agent.jar"));
    Path otelAgent =
        Path.of(
            opts.getOrDefault(
                "otel.agent", "benchmarks/target/agents/opentelemetry-javaagent.jar"));
    Set<String> only = opts.containsKey("only") ? Set.of(opts.get("only").split(",")) : Set.of();
    Report report = new Report(describe(opts));
    try (LoopbackSink sink = LoopbackSink.otlp();
        LoopbackSink ingest = LoopbackSink.openAiIngest()) {
      List<Setup> setups = Setups.benchmarks(weftAgent, otelAgent, sink.baseUrl(), workDir);
      for (Setup setup : setups) {
        if (!only.isEmpty() && !only.contains(setup.name())) {
          continue;
        }
        if (setup.agent() != null && !Files.isRegularFile(setup.agent())) {
          report.skipped(setup, "agent jar missing: " + setup.agent());
          continue;
        }
        String loadBefore = Report.loadAverage();
        try {
          report.add(setup, measure(setup, opts, workDir), loadBefore);
        } catch (RunnerException | IOException e) {
          report.skipped(setup, "run failed: " + e.getMessage());
        }
        if (setup.name().equals("otel-on")) {
          report.note(
              "OTLP sink received "
                  + sink.requests()
                  + " export requests, "
                  + sink.bytes()
                  + " bytes, during otel-on");
        }
      }
      if (only.isEmpty() || only.contains("exporters")) {
        ExporterRates rates =
            new ExporterRates(
                StartupProbe.currentJava(),
                System.getProperty("java.class.path"),
                workDir,
                Integer.parseInt(opts.getOrDefault("exporters.seconds", "10")),
                Integer.parseInt(opts.getOrDefault("exporters.warmup", "3")),
                keepOutput);
        List<String> exporters =
            List.of(opts.getOrDefault("exporters", ExporterRates.EXPORTERS).split(","));
        report.exporters(rates.measure(exporters, ingest, sink, report));
        try {
          report.pageCache(rates.measurePageCache());
        } catch (IOException e) {
          report.note("the page cache's write rate NOT MEASURED: " + e);
        }
      }
      if (only.isEmpty() || only.contains("startup")) {
        int runs = Integer.parseInt(opts.getOrDefault("startup.runs", "10"));
        List<StartupProbe.Launch> launches =
            Setups.startup(weftAgent, otelAgent, sink.baseUrl(), workDir);
        launches.removeIf(
            l -> l.jvmArgs().stream().anyMatch(a -> a.startsWith("-javaagent:") && !exists(a)));
        String loadBefore = Report.loadAverage();
        StartupProbe probe =
            new StartupProbe(StartupProbe.currentJava(), System.getProperty("java.class.path"));
        report.startup(probe.measure(launches, runs), loadBefore);
      }
    }
    String text = report.render();
    System.out.println();
    System.out.println(text);
    Path out = Path.of(opts.getOrDefault("out", "benchmarks/target/side-by-side.md"));
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.writeString(out, text);
    System.out.println("report written to " + out.toAbsolutePath());
  }

  private static boolean exists(String javaagentArg) {
    String path = javaagentArg.substring("-javaagent:".length());
    int eq = path.indexOf('=');
    return Files.isRegularFile(Path.of(eq < 0 ? path : path.substring(0, eq)));
  }

  private static List<Measurement> measure(Setup setup, Map<String, String> opts, Path workDir)
      throws RunnerException, IOException {
    Path callerFile = workDir.resolve("caller-" + setup.name() + ".tsv");
    Files.deleteIfExists(callerFile);
    String include =
        "^"
            + AnnotatedMethodBenchmark.class.getName().replace(".", "\\.")
            + "\\.("
            + String.join("|", setup.benchmarks())
            + ")$";
    ChainedOptionsBuilder builder =
        new OptionsBuilder()
            .include(include)
            .mode(Mode.AverageTime)
            .timeUnit(TimeUnit.NANOSECONDS)
            .forks(Integer.parseInt(opts.getOrDefault("forks", DEFAULT_FORKS)))
            .warmupIterations(Integer.parseInt(opts.getOrDefault("wi", "3")))
            .warmupTime(TimeValue.seconds(Long.parseLong(opts.getOrDefault("w", "1"))))
            .measurementIterations(Integer.parseInt(opts.getOrDefault("i", "5")))
            .measurementTime(TimeValue.seconds(Long.parseLong(opts.getOrDefault("r", "1"))))
            .addProfiler(GCProfiler.class)
            .jvmArgs(setup.jvmArgs().toArray(String[]::new))
            .jvmArgsAppend(
                "-D" + AnnotatedMethodBenchmark.EXPECT_PROPERTY + "=" + setup.expect(),
                "-D" + CallerAllocation.FILE_PROPERTY + "=" + callerFile)
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(workDir.resolve("jmh-" + setup.name() + ".json").toString());
    // Extra profilers for finding hot spots, e.g. prof=stack or prof=jfr.
    for (String profiler : opts.getOrDefault("prof", "").split(",")) {
      if (!profiler.isBlank()) {
        builder.addProfiler(profiler.strip());
      }
    }
    Options options = builder.build();
    Collection<RunResult> results = runWaitingForLock(options);
    Map<String, Double> callerBytes = new LinkedHashMap<>();
    if (Files.exists(callerFile)) {
      for (String line : Files.readAllLines(callerFile)) {
        String[] parts = line.split("\t");
        callerBytes.put(parts[0], Double.parseDouble(parts[1]));
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    for (RunResult run : results) {
      String benchmark = run.getParams().getBenchmark();
      benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      List<Double> nanos = new ArrayList<>();
      List<Double> bytes = new ArrayList<>();
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          nanos.add(iteration.getPrimaryResult().getScore());
          for (Map.Entry<String, Result> e : iteration.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
              bytes.add(e.getValue().getScore());
            }
          }
        }
      }
      double[] n = nanos.stream().mapToDouble(Double::doubleValue).toArray();
      double[] b = bytes.stream().mapToDouble(Double::doubleValue).toArray();
      measurements.add(
          new Measurement(
              setup.name(),
              benchmark,
              StartupProbe.median(n),
              nanos.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
              nanos.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
              StartupProbe.median(b),
              callerBytes.getOrDefault(benchmark, Double.NaN)));
    }
    return measurements;
  }

  /**
   * Runs JMH, waiting while another JMH run on this machine holds its lock: two runs at once would
   * each measure the other.
   */
  private static Collection<RunResult> runWaitingForLock(Options options) throws RunnerException {
    for (int attempt = 1; ; attempt++) {
      try {
        return new Runner(options).run();
      } catch (RunnerException e) {
        if (attempt >= 40 || String.valueOf(e.getMessage()).indexOf("JMH lock") < 0) {
          throw e;
        }
        System.out.println("another JMH run holds the lock; waiting 15 s");
        try {
          Thread.sleep(15_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static String describe(Map<String, String> opts) {
    return "JMH avgt, forks="
        + opts.getOrDefault("forks", DEFAULT_FORKS)
        + ", warm-up "
        + opts.getOrDefault("wi", "3")
        + " x "
        + opts.getOrDefault("w", "1")
        + " s, measurement "
        + opts.getOrDefault("i", "5")
        + " x "
        + opts.getOrDefault("r", "1")
        + " s, 1 GB heap touched at start, -prof gc; figures are medians over measurement"
        + " iterations";
  }

  /** Returns the {@code key=value} arguments as a map, in order. */
  static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got: " + arg);
      }
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return opts;
  }
}
