package dev.weft.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code summary} command: a table per trace (duration, spans by type, tokens, tool calls,
 * handoffs, errors), or one line per trace with {@code --oneline}.
 */
public final class SummaryCommand {
  static final String USAGE = "usage: summary [--oneline] <trace file or folder>...";

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

  /** One line: id, workflow, duration, spans, tokens, tool calls, handoffs, errors, tripwires. */
  static String oneLine(TraceReport r) {
    StringBuilder line = new StringBuilder();
    line.append(r.traceId)
        .append("  ")
        .append(r.workflowName.isEmpty() ? "(unnamed)" : r.workflowName)
        .append("  ")
        .append(duration(r))
        .append("  ")
        .append(count(r.spanCount, "span"))
        .append("  ")
        .append(r.inputTokens)
        .append(" in/")
        .append(r.outputTokens)
        .append(" out tokens  ")
        .append(count(r.toolCallCount(), "tool call"))
        .append("  ")
        .append(count(r.handoffs.size(), "handoff"))
        .append("  ")
        .append(count(r.errors.size(), "error"));
    if (!r.trippedGuardrails.isEmpty()) {
      line.append("  tripped: ").append(String.join(", ", r.trippedGuardrails));
    }
    return line.toString();
  }

  private static void printTable(TraceReport r, PrintStream out) {
    out.println((r.workflowName.isEmpty() ? "(unnamed)" : r.workflowName) + "  " + r.traceId);
    row(out, "file", r.file.toString());
    if (r.groupId != null) {
      row(out, "group", r.groupId);
    }
    row(out, "started", r.startedAt == null ? "?" : r.startedAt);
    row(out, "duration", duration(r));
    row(out, "spans", r.spanCount + counts(r.spansByType));
    row(out, "tokens", r.inputTokens + " in, " + r.outputTokens + " out");
    row(out, "tool calls", r.toolCallCount() + counts(r.toolCalls));
    row(out, "handoffs", r.handoffs.isEmpty() ? "0" : String.join(", ", r.handoffs));
    if (!r.trippedGuardrails.isEmpty()) {
      row(out, "tripped", String.join(", ", r.trippedGuardrails));
    }
    row(out, "errors", String.valueOf(r.errors.size()));
    for (String error : r.errors) {
      row(out, "", TraceInputs.oneLine(error));
    }
    out.println();
  }

  private static void row(PrintStream out, String label, String value) {
    out.println(String.format(Locale.ROOT, "  %-11s %s", label, value));
  }

  private static String counts(Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("  (");
    counts.forEach(
        (name, n) -> text.append(text.length() > 3 ? ", " : "").append(name).append(' ').append(n));
    return text.append(')').toString();
  }

  private static String duration(TraceReport r) {
    if (r.durationMicros < 0) {
      return "?";
    }
    String text =
        r.durationMicros < 1_000_000
            ? String.format(Locale.ROOT, "%.1f ms", r.durationMicros / 1_000.0)
            : String.format(Locale.ROOT, "%.3f s", r.durationMicros / 1_000_000.0);
    return r.ended ? text : text + " (not ended)";
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
