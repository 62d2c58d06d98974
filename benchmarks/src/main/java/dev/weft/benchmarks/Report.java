package dev.weft.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side report: every measured row, its cost net of the plain method, the ratio to the
 * matching OpenTelemetry row, and the performance targets (benchmarks/README.md) with pass or fail.
 *
 * <p>Ratios compare net costs (the row minus the plain method with the same body), because the
 * targets are about what tracing adds; the throwing method's own exception is not tracing's cost.
 */
final class Report {
  private final String settings;
  private final List<Measurement> rows = new ArrayList<>();
  private final List<String> setupLines = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String[]> targets = new ArrayList<>();
  private List<ExporterRates.Result> exporters = List.of();
  private ExporterRates.PageCacheRate pageCache;
  private List<StartupProbe.Result> startup = List.of();
  private String startupLoad = "";

  Report(String settings) {
    this.settings = settings;
  }

  void add(Setup setup, List<Measurement> measured, String loadBefore) {
    rows.addAll(measured);
    setupLines.add(
        "- `" + setup.name() + "`: " + setup.description() + " (load before: " + loadBefore + ")");
  }

  void skipped(Setup setup, String why) {
    setupLines.add("- `" + setup.name() + "`: " + setup.description() + " — NOT MEASURED: " + why);
  }

  void note(String line) {
    notes.add(line);
  }

  void exporters(List<ExporterRates.Result> results) {
    this.exporters = results;
  }

  void pageCache(ExporterRates.PageCacheRate rate) {
    this.pageCache = rate;
  }

  void startup(List<StartupProbe.Result> results, String loadBefore) {
    this.startup = results;
    this.startupLoad = loadBefore;
  }

  /** Returns the 1, 5 and 15 minute load averages of the machine. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The start of a report's first line: when, on which JVM, on how many cores. */
  static String runHeader() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + ", "
        + System.getProperty("java.vm.name")
        + ' '
        + System.getProperty("java.version")
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores; ";
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Weft agent vs OpenTelemetry Java agent, side by side\n\n");
    out.append(runHeader()).append(settings).append(".\n\n");
    if (!setupLines.isEmpty() || !notes.isEmpty()) {
      out.append("## Configurations\n\n");
      setupLines.forEach(l -> out.append(l).append('\n'));
      notes.forEach(l -> out.append("- ").append(l).append('\n'));
    }
    renderPerCall(out);
    renderExporters(out);
    renderStartup(out);
    checkTargets();
    if (targets.isEmpty()) {
      return out.toString();
    }
    out.append("\n## Performance targets\n\n");
    out.append("| target | Weft | OpenTelemetry / plain | measured | limit | result |\n");
    out.append("|---|---:|---:|---:|---:|---|\n");
    for (String[] t : targets) {
      out.append("| ").append(String.join(" | ", t)).append(" |\n");
    }
    return out.toString();
  }

  private void renderPerCall(StringBuilder out) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\n## Per call\n\n");
    out.append("net = minus the plain method with the same body; ratio = net / net of the row");
    out.append(" compared with. B/op counts the calling thread; all-threads B/op is JMH's");
    out.append(" gc.alloc.rate.norm, which also counts an exporter's worker thread.\n\n");
    out.append(
        "| configuration | method | ns/op | min-max | B/op | all-threads B/op | net ns | net B"
            + " | compared with | ns ratio | B ratio |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
    for (Measurement m : rows) {
      Measurement plain = find("plain", m.method());
      Measurement other = find(reference(m.setup()), m.method());
      out.append("| ")
          .append(m.setup())
          .append(" | ")
          .append(m.method())
          .append(" | ")
          .append(f1(m.nanos()))
          .append(" | ")
          .append(f1(m.minNanos()))
          .append('-')
          .append(f1(m.maxNanos()))
          .append(" | ")
          .append(f1(m.bytes()))
          .append(" | ")
          .append(f1(m.allThreadsBytes()))
          .append(" | ")
          .append(plain == null || m.setup().equals("plain") ? "" : f1(m.nanos() - plain.nanos()))
          .append(" | ")
          .append(plain == null || m.setup().equals("plain") ? "" : f1(m.bytes() - plain.bytes()))
          .append(" | ")
          .append(other == null ? "" : other.setup())
          .append(" | ")
          .append(other == null || plain == null ? "" : f2(netRatio(m, other, plain, false)))
          .append(" | ")
          .append(other == null || plain == null ? "" : f2(netRatio(m, other, plain, true)))
          .append(" |\n");
    }
  }

  private void renderExporters(StringBuilder out) {
    if (exporters.isEmpty()) {
      return;
    }
    out.append("\n## Exporters, sustained\n\n");
    out.append("Each exporter in a JVM of its own (1 GB heap, its pages touched at start),");
    out.append(" named by weft.exporters, behind the batch");
    out.append(" processor with the default weft.batch.* settings; traces of ten spans, the");
    out.append(" application waiting while the queue is deep. spans/s = spans made over the time,");
    out.append(" final flush included; app ns/span = the application thread's CPU time per span;");
    out.append(
        " net = minus exporters=none; MB/s = the output's bytes per span times spans/s.\n\n");
    if (pageCache != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "The machine's page cache: a new %d GiB file, written a megabyte at a time and not"
                  + " synced, went at %,.0f MB/s; written again at once after it was deleted, at"
                  + " %,.0f MB/s. The file exporters write into a growing page cache, the first"
                  + " case; where it is far below the second, new pages are what costs (on a"
                  + " virtual machine whose host backs memory only once touched and takes back"
                  + " what the kernel frees, each new page waits for the host; see"
                  + " benchmarks/README.md).\n\n",
              ExporterRates.PROBE_BYTES >> 30,
              pageCache.firstMbPerSecond(),
              pageCache.againMbPerSecond()));
    }
    out.append(
        "| exporter | spans/s | dropped | app ns/span | net app ns/span | output | MB/s | load"
            + " before |\n");
    out.append("|---|---:|---:|---:|---:|---|---:|---|\n");
    ExporterRates.Result none = null;
    for (ExporterRates.Result r : exporters) {
      if (r.exporter().equals("none")) {
        none = r;
      }
    }
    for (ExporterRates.Result r : exporters) {
      boolean baseline = r.exporter().equals("none");
      out.append("| ")
          .append(r.exporter())
          .append(" | ")
          .append(baseline ? "" : String.format(Locale.ROOT, "%,.0f", r.spansPerSecond()))
          .append(" | ")
          .append(baseline ? "" : Long.toString(r.dropped()))
          .append(" | ")
          .append(f1(r.cpuNanosPerSpan()))
          .append(" | ")
          .append(baseline || none == null ? "" : f1(r.cpuNanosPerSpan() - none.cpuNanosPerSpan()))
          .append(" | ")
          .append(r.output())
          .append(" | ")
          .append(baseline ? "" : f1(r.megabytesPerSecond()))
          .append(" | ")
          .append(r.loadBefore())
          .append(" |\n");
    }
  }

  private void renderStartup(StringBuilder out) {
    if (startup.isEmpty()) {
      return;
    }
    out.append("\n## Hello-world start-up (load before: ").append(startupLoad).append(")\n\n");
    out.append("Medians of ").append(startup.get(0).runs()).append(" launches per agent.\n\n");
    out.append("| agent | wall ms | added ms | peak RSS MB | added MB |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    StartupProbe.Result none = startupOf("none");
    for (StartupProbe.Result r : startup) {
      out.append("| ")
          .append(r.name())
          .append(" | ")
          .append(f1(r.millis()))
          .append(" | ")
          .append(none == null ? "" : f1(r.millis() - none.millis()))
          .append(" | ")
          .append(f1(r.rssKb() / 1024))
          .append(" | ")
          .append(none == null ? "" : f1((r.rssKb() - none.rssKb()) / 1024))
          .append(" |\n");
    }
  }

  private void checkTargets() {
    targets.clear();
    Measurement disabledSpan = find("weft-disabled", "span");
    Measurement plainSpan = find("plain", "span");
    if (disabledSpan != null && plainSpan != null) {
      double extra = disabledSpan.nanos() - plainSpan.nanos();
      target(
          "disabled: extra time per call",
          f1(disabledSpan.nanos()),
          f1(plainSpan.nanos()),
          f1(extra) + " ns",
          "< 5 ns",
          extra < 5);
      double bytes = disabledSpan.bytes() - plainSpan.bytes();
      // gc.alloc.rate.norm of a non-allocating call reads a few thousandths of a byte, not zero.
      target(
          "disabled: extra bytes per call",
          f1(disabledSpan.bytes()),
          f1(plainSpan.bytes()),
          f1(bytes) + " B",
          "0 B (< 0.5)",
          bytes < 0.5);
    }
    ratio("no-op, no capture vs @WithSpan, exporter off", "weft-noop", "span", 1 / 3.0, false);
    ratio(
        "batch + 2 captured strings vs 2 @SpanAttribute, exporter on",
        "weft-batch",
        "twoStrings",
        0.5,
        false);
    ratio("throwing, exporter off", "weft-noop", "throwing", 0.25, false);
    ratio("throwing, exporter on", "weft-batch", "throwing", 0.25, false);
    ratio("bytes/span, no capture, exporter off", "weft-noop", "span", 0.5, true);
    ratio("bytes/span, 2 strings, exporter off", "weft-noop", "twoStrings", 0.5, true);
    ratio("bytes/span, 2 strings, exporter on", "weft-batch", "twoStrings", 0.5, true);
    ratio("bytes/span, throwing, exporter off", "weft-noop", "throwing", 0.5, true);
    ratio("bytes/span, throwing, exporter on", "weft-batch", "throwing", 0.5, true);
    StartupProbe.Result none = startupOf("none");
    StartupProbe.Result weft = startupOf("weft");
    StartupProbe.Result otel = startupOf("otel");
    if (none != null && weft != null && otel != null) {
      double weftAdded = weft.millis() - none.millis();
      double otelAdded = otel.millis() - none.millis();
      target(
          "agent start: added time",
          f1(weftAdded) + " ms",
          f1(otelAdded) + " ms",
          f2(weftAdded / otelAdded),
          "<= 0.10",
          weftAdded <= otelAdded / 10);
      target(
          "agent start: peak RSS",
          f1(weft.rssKb() / 1024) + " MB",
          f1(otel.rssKb() / 1024) + " MB",
          f2(weft.rssKb() / otel.rssKb()),
          "<= 0.33",
          weft.rssKb() <= otel.rssKb() / 3);
    }
  }

  private void ratio(String what, String setup, String method, double limit, boolean bytes) {
    Measurement m = find(setup, method);
    Measurement other = find(reference(setup), method);
    Measurement plain = find("plain", method);
    if (m == null || other == null || plain == null) {
      return;
    }
    double r = netRatio(m, other, plain, bytes);
    String unit = bytes ? " B" : " ns";
    double weftNet = bytes ? m.bytes() - plain.bytes() : m.nanos() - plain.nanos();
    double otelNet = bytes ? other.bytes() - plain.bytes() : other.nanos() - plain.nanos();
    target(what, f1(weftNet) + unit, f1(otelNet) + unit, f2(r), "<= " + f2(limit), r <= limit);
  }

  private void target(
      String what, String weft, String reference, String measured, String limit, boolean pass) {
    targets.add(new String[] {what, weft, reference, measured, limit, pass ? "PASS" : "FAIL"});
  }

  private static double netRatio(Measurement m, Measurement other, Measurement plain, boolean b) {
    return b
        ? (m.bytes() - plain.bytes()) / (other.bytes() - plain.bytes())
        : (m.nanos() - plain.nanos()) / (other.nanos() - plain.nanos());
  }

  /** Returns the configuration a row is compared with. */
  private static String reference(String setup) {
    return switch (setup) {
      case "weft-noop" -> "otel-off";
      case "weft-batch" -> "otel-on";
      default -> "";
    };
  }

  private Measurement find(String setup, String method) {
    for (Measurement m : rows) {
      if (m.setup().equals(setup) && m.method().equals(method)) {
        return m;
      }
    }
    return null;
  }

  private StartupProbe.Result startupOf(String name) {
    for (StartupProbe.Result r : startup) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
