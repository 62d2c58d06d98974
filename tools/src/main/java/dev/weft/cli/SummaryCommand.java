package dev.weft.cli;

import dev.weft.analysis.TextWidth;
import dev.weft.analysis.TraceAnalysis;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code summary} command: a table per trace (duration, spans by type, tokens, tool calls,
 * handoffs, errors), or one line per trace with {@code --oneline}.
 */
public final class SummaryCommand {
  static final String USAGE = "usage: summary [--oneline] <trace file or folder>...";
  private static final int TABLE_LABEL_WIDTH = 22;

  private SummaryCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code summary}
   * @param out where the summaries go
   * @param err where usage errors and skipped files are reported
   * @return 0 when the traces were summarised (a folder without traces included), 1 when a path is
   *     missing or no file named could be read, 2 on a usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean oneLine = false;
    List<Path> paths = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--oneline")) {
        oneLine = true;
      } else if (arg.startsWith("-")) {
        err.println("summary: unknown option " + arg);
        err.println(USAGE);
        return 2;
      } else {
        paths.add(Path.of(arg));
      }
    }
    if (paths.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    List<Path> files;
    try {
      files = TraceInputs.files(paths);
    } catch (IOException e) {
      err.println("summary: " + e.getMessage());
      return 1;
    }
    List<TraceReport> reports = TraceInputs.read(files, err);
    if (files.isEmpty()) {
      out.println("no trace files in " + join(paths));
      return 0;
    }
    for (TraceReport report : reports) {
      if (oneLine) {
        out.println(oneLine(report));
      } else {
        printTable(report, out);
      }
    }
    return reports.isEmpty() ? 1 : 0;
  }

  /**
   * One line: id, workflow, duration, spans, tokens, cost, tool calls, handoffs, errors, tripwires.
   */
  static String oneLine(TraceReport r) {
    TraceAnalysis a = r.analysis;
    StringBuilder line = new StringBuilder();
    line.append(r.traceId())
        .append("  ")
        .append(TextWidth.shown(r.workflowName(), TextWidth.NAME))
        .append("  ")
        .append(duration(r))
        .append("  ")
        .append(count(a.spanCount(), "span"))
        .append("  ")
        .append(a.usage().inputTokens())
        .append(" in/")
        .append(a.usage().outputTokens())
        .append(" out tokens  ")
        .append(TextWidth.shown(a.cost().shortText(), TextWidth.MESSAGE))
        .append("  ")
        .append(count(r.toolCallCount(), "tool call"))
        .append("  ")
        .append(count(a.handoffs().size(), "handoff"))
        .append("  ")
        .append(count(a.errors().size(), "error"));
    if (!r.trippedGuardrails.isEmpty()) {
      line.append("  tripped: ")
          .append(TextWidth.shown(String.join(", ", r.trippedGuardrails), TextWidth.MESSAGE));
    }
    return line.toString();
  }

  /** The analysis table, with where the trace came from and what stopped it. */
  private static void printTable(TraceReport r, PrintStream out) {
    out.print(r.analysis.toTable());
    if (!r.trippedGuardrails.isEmpty()) {
      row(out, "tripped guardrails", String.join(", ", r.trippedGuardrails));
    }
    String groupId = r.trace.trace().groupId();
    if (groupId != null) {
      row(out, "group", groupId);
    }
    row(out, "file", r.file.toString());
    out.println();
  }

  /** A row aligned with those of {@link TraceAnalysis#toTable()}. */
  private static void row(PrintStream out, String label, String value) {
    out.println("  " + label + " ".repeat(Math.max(1, TABLE_LABEL_WIDTH - label.length())) + value);
  }

  private static String duration(TraceReport r) {
    long micros = r.analysis.durationMicros();
    String text =
        micros < 1_000_000
            ? String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0)
            : String.format(Locale.ROOT, "%.3f s", micros / 1_000_000.0);
    return r.trace.trace().isEnded() ? text : text + " (not ended)";
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String join(List<Path> paths) {
    List<String> names = new ArrayList<>();
    paths.forEach(p -> names.add(p.toString()));
    return String.join(", ", names);
  }
}
