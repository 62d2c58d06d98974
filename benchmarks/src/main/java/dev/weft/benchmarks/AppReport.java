package dev.weft.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The report of {@link AppBenchmark}: per application, the median of each figure over the runs of
 * each agent and its ratio to the runs with no agent, Weft's throughput target, every launch's
 * figures, and the machine's load average at the start, before each launch and at the end.
 */
final class AppReport {
  /** Weft's throughput under load is within this share of no agent's. */
  private static final double THROUGHPUT_TARGET = 0.03;

  /** Weft adds at most this share of the time the OpenTelemetry agent adds to the first answer. */
  private static final double START_TIME_TARGET = 0.10;

  /**
   * Weft adds at most this share of the memory the OpenTelemetry agent adds by the first answer.
   */
  private static final double START_MEMORY_TARGET = 0.33;

  private record Launch(
      String app, String agent, int run, AppLaunch.Result result, String exported, String load) {}

  private record StartLaunch(
      String app, String agent, int run, AppLaunch.Start start, String load) {}

  private final String settings;
  private final String loadAtStart = Report.loadAverage();
  private final List<Launch> launches = new ArrayList<>();
  private final List<StartLaunch> starts = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  AppReport(String settings) {
    this.settings = settings;
  }

  /** Adds one launch's figures; returns them as one line, for the progress output. */
  String add(
      String app, String agent, int run, AppLaunch.Result result, String exported, String load) {
    Launch launch = new Launch(app, agent, run, result, exported, load);
    launches.add(launch);
    return line(launch);
  }

  /** Adds one start-only launch's figures; returns them as one line, for the progress output. */
  String addStart(String app, String agent, int run, AppLaunch.Start start, String load) {
    StartLaunch launch = new StartLaunch(app, agent, run, start, load);
    starts.add(launch);
    return startLine(launch);
  }

  void failed(String app, String agent, int run, String why) {
    failures.add(app + " / " + agent + " run " + run + ": " + why);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Real applications under each agent\n\n");
    out.append(Report.runHeader())
        .append(settings)
        .append(". Load average at the start: ")
        .append(loadAtStart)
        .append("; at the end: ")
        .append(Report.loadAverage())
        .append(".\n\n");
    out.append("Figures are medians over the runs; \"vs none\" divides by the median with no");
    out.append(" agent. Spring s = Spring's own \"Started ... in\"; first answer = wall time from");
    out.append(" launch to the first answered request; start RSS = peak resident set size (VmHWM)");
    out.append(" when the first request was answered; peak RSS = the same after the load; CPU");
    out.append(" µs/req = the CPU time of the application's process (all its threads) during the");
    out.append(" measured phase per answered request. The start-up figures (Spring s, first");
    out.append(" answer, start RSS) are medians over the launches under load and the start-only");
    out.append(" launches together.\n");
    Set<String> apps = new LinkedHashSet<>();
    starts.forEach(l -> apps.add(l.app()));
    launches.forEach(l -> apps.add(l.app()));
    for (String app : apps) {
      renderApp(out, app);
    }
    out.append("\n## Launches\n\n");
    starts.forEach(l -> out.append("- ").append(startLine(l)).append('\n'));
    launches.forEach(l -> out.append("- ").append(line(l)).append('\n'));
    failures.forEach(f -> out.append("- FAILED ").append(f).append('\n'));
    return out.toString();
  }

  private void renderApp(StringBuilder out, String app) {
    Map<String, List<AppLaunch.Result>> byAgent = new LinkedHashMap<>();
    // The start-ups of the launches under load and of the start-only launches, together.
    Map<String, List<AppLaunch.Start>> startsByAgent = new LinkedHashMap<>();
    for (Launch l : launches) {
      if (l.app().equals(app)) {
        byAgent.computeIfAbsent(l.agent(), a -> new ArrayList<>()).add(l.result());
        startsByAgent.computeIfAbsent(l.agent(), a -> new ArrayList<>()).add(l.result().start());
      }
    }
    for (StartLaunch l : starts) {
      if (l.app().equals(app)) {
        startsByAgent.computeIfAbsent(l.agent(), a -> new ArrayList<>()).add(l.start());
      }
    }
    out.append("\n## ").append(app).append("\n\n");
    out.append(
        "| agent | runs + starts | Spring s | first answer ms | start RSS MB | req/s | p50 ms | p99 ms"
            + " | peak RSS MB | CPU µs/req | req/s vs none | p50 vs none | p99 vs none"
            + " | first answer vs none | RSS vs none | CPU vs none |\n");
    out.append(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    List<AppLaunch.Result> none = byAgent.get("none");
    List<AppLaunch.Start> noneStarts = startsByAgent.get("none");
    for (Map.Entry<String, List<AppLaunch.Start>> s : startsByAgent.entrySet()) {
      List<AppLaunch.Result> runs = byAgent.getOrDefault(s.getKey(), List.of());
      List<AppLaunch.Start> started = s.getValue();
      out.append("| ")
          .append(s.getKey())
          .append(" | ")
          .append(runs.size())
          .append(" + ")
          .append(started.size() - runs.size())
          .append(" | ")
          .append(f2(median(started, AppLaunch.Start::springStartedSeconds)))
          .append(" | ")
          .append(f0(median(started, AppLaunch.Start::firstAnswerMillis)))
          .append(" | ")
          .append(f0(median(started, r -> r.startRssKb() / 1024)))
          .append(" | ")
          .append(f1(median(runs, r -> r.load().requestsPerSecond())))
          .append(" | ")
          .append(f1(median(runs, r -> r.load().percentile(50))))
          .append(" | ")
          .append(f1(median(runs, r -> r.load().percentile(99))))
          .append(" | ")
          .append(f0(median(runs, r -> r.peakRssKb() / 1024)))
          .append(" | ")
          .append(f0(median(runs, AppLaunch.Result::cpuMicrosPerRequest)))
          .append(" | ")
          .append(ratio(runs, none, r -> r.load().requestsPerSecond()))
          .append(" | ")
          .append(ratio(runs, none, r -> r.load().percentile(50)))
          .append(" | ")
          .append(ratio(runs, none, r -> r.load().percentile(99)))
          .append(" | ")
          .append(ratio(started, noneStarts, AppLaunch.Start::firstAnswerMillis))
          .append(" | ")
          .append(ratio(runs, none, AppLaunch.Result::peakRssKb))
          .append(" | ")
          .append(ratio(runs, none, AppLaunch.Result::cpuMicrosPerRequest))
          .append(" |\n");
    }
    startUpLines(out, startsByAgent.get("weft"), startsByAgent.get("otel"), noneStarts);
    throughputLine(out, "Weft's throughput against no agent", byAgent.get("weft"), none, true);
    throughputLine(
        out,
        "Weft's agent exporting OTLP (weft-otlp) against no agent",
        byAgent.get("weft-otlp"),
        none,
        false);
    cpuLine(out, byAgent, none);
  }

  /**
   * Appends the CPU time each agent adds to a request, from the medians of CPU per request: a
   * steadier figure than the throughput, which also moves with what the JIT compilers made of each
   * launch's code and with the load generator and model server sharing the cores.
   */
  private static void cpuLine(
      StringBuilder out, Map<String, List<AppLaunch.Result>> byAgent, List<AppLaunch.Result> none) {
    if (none == null) {
      return;
    }
    double base = median(none, AppLaunch.Result::cpuMicrosPerRequest);
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<AppLaunch.Result>> e : byAgent.entrySet()) {
      if (e.getKey().equals("none")) {
        continue;
      }
      double added = median(e.getValue(), AppLaunch.Result::cpuMicrosPerRequest) - base;
      parts.add(
          String.format(
              Locale.ROOT, "%s %+.0f µs (%+.1f %%)", e.getKey(), added, added / base * 100));
    }
    if (!Double.isNaN(base) && !parts.isEmpty()) {
      out.append("\nCPU time added per request against no agent (")
          .append(f0(base))
          .append(" µs): ")
          .append(String.join(", ", parts))
          .append('\n');
    }
  }

  /**
   * Appends what Weft adds to the start-up against what the OpenTelemetry agent adds, each the
   * difference of the medians with and without the agent: the time to the first answer, and the
   * peak memory by then.
   */
  private static void startUpLines(
      StringBuilder out,
      List<AppLaunch.Start> weft,
      List<AppLaunch.Start> otel,
      List<AppLaunch.Start> none) {
    if (weft == null || otel == null || none == null) {
      return;
    }
    addedLine(
        out,
        "Start-up time Weft adds (first answer)",
        weft,
        otel,
        none,
        AppLaunch.Start::firstAnswerMillis,
        1,
        "ms",
        START_TIME_TARGET);
    addedLine(
        out,
        "Start-up memory Weft adds (start RSS)",
        weft,
        otel,
        none,
        AppLaunch.Start::startRssKb,
        1024,
        "MB",
        START_MEMORY_TARGET);
  }

  private static void addedLine(
      StringBuilder out,
      String what,
      List<AppLaunch.Start> weft,
      List<AppLaunch.Start> otel,
      List<AppLaunch.Start> none,
      ToDoubleFunction<AppLaunch.Start> figure,
      double unitScale,
      String unit,
      double target) {
    double base = median(none, figure);
    double weftAdded = (median(weft, figure) - base) / unitScale;
    double otelAdded = (median(otel, figure) - base) / unitScale;
    double share = weftAdded / otelAdded;
    out.append('\n')
        .append(what)
        .append(": ")
        .append(f0(weftAdded))
        .append(' ')
        .append(unit)
        .append(" against OpenTelemetry's ")
        .append(f0(otelAdded))
        .append(' ')
        .append(unit)
        .append(", ")
        .append(f3(share))
        .append(" (target: at most ")
        .append(f2(target))
        .append("): ")
        .append(otelAdded > 0 && share <= target ? "PASS" : "FAIL")
        .append('\n');
  }

  /**
   * Appends one agent's change in requests per second against no agent; with {@code verdict}, also
   * whether it meets the target, which applies to Weft as installed (its default exporter).
   */
  private static void throughputLine(
      StringBuilder out,
      String what,
      List<AppLaunch.Result> agent,
      List<AppLaunch.Result> none,
      boolean verdict) {
    if (agent == null || none == null) {
      return;
    }
    double change = medianRatio(agent, none, r -> r.load().requestsPerSecond()) - 1;
    out.append('\n')
        .append(what)
        .append(": ")
        .append(String.format(Locale.ROOT, "%+.1f %%", change * 100));
    if (verdict) {
      out.append(" (target: within ")
          .append(f0(THROUGHPUT_TARGET * 100))
          .append(" %): ")
          .append(change >= -THROUGHPUT_TARGET ? "PASS" : "FAIL");
    }
    out.append('\n');
  }

  private static String line(Launch l) {
    AppLaunch.Result r = l.result();
    LoadGenerator.Stats load = r.load();
    return String.format(
        Locale.ROOT,
        "%s / %s run %d (load before %s): %s, warm-up %s,"
            + " measured %.1f req/s (%d answered, %d failed%s), p50 %.1f ms, p99 %.1f ms,"
            + " peak RSS %.0f MB, CPU %.0f µs per request, %d model requests%s",
        l.app(),
        l.agent(),
        l.run(),
        l.load(),
        startText(r.start()),
        r.warmupRates().length == 0
            ? "none"
            : Arrays.stream(r.warmupRates())
                    .mapToObj(rate -> String.format(Locale.ROOT, "%.0f", rate))
                    .collect(Collectors.joining(" "))
                + " req/s"
                + (r.warmupCompilerMillis().length == 0
                    ? ""
                    : " (compilers "
                        + Arrays.stream(r.warmupCompilerMillis())
                            .mapToObj(Long::toString)
                            .collect(Collectors.joining(" "))
                        + " ms)"),
        load.requestsPerSecond(),
        load.answered(),
        load.failed(),
        load.firstFailure() == null
            ? ""
            : ", first: " + load.firstFailure().lines().findFirst().orElse(""),
        load.percentile(50),
        load.percentile(99),
        r.peakRssKb() / 1024,
        r.cpuMicrosPerRequest(),
        r.modelRequests(),
        l.exported().isEmpty() ? "" : ", " + l.exported());
  }

  private static <T> String ratio(List<T> runs, List<T> none, ToDoubleFunction<T> figure) {
    return none == null || runs.isEmpty() ? "" : f3(medianRatio(runs, none, figure));
  }

  /** Returns the median of a figure over {@code runs} divided by its median with no agent. */
  private static <T> double medianRatio(List<T> runs, List<T> none, ToDoubleFunction<T> figure) {
    return median(runs, figure) / median(none, figure);
  }

  private static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
    return runs.isEmpty()
        ? Double.NaN
        : StartupProbe.median(runs.stream().mapToDouble(figure).toArray());
  }

  private static String startLine(StartLaunch l) {
    return String.format(
        Locale.ROOT,
        "%s / %s start %d (load before %s): %s",
        l.app(),
        l.agent(),
        l.run(),
        l.load(),
        startText(l.start()));
  }

  /** A start-up's figures as the launch lines give them. */
  private static String startText(AppLaunch.Start s) {
    return String.format(
        Locale.ROOT,
        "%sfirst answer %.0f ms (RSS %.0f MB)",
        Double.isNaN(s.springStartedSeconds())
            ? ""
            : "Spring started in " + f2(s.springStartedSeconds()) + " s, ",
        s.firstAnswerMillis(),
        s.startRssKb() / 1024);
  }

  private static String f0(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String f1(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
  }
}
