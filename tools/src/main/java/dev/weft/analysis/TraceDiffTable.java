package dev.weft.analysis;

import dev.weft.TraceRecord;
import dev.weft.analysis.TraceDiff.AlignedSpan;
import dev.weft.analysis.TraceDiff.Change;
import java.util.Locale;

/**
 * Renders a {@link TraceDiff} as text for a terminal: one line per aligned span with a marker
 * ({@code +} added, {@code -} removed, {@code ~} changed), the tree indented, and the duration,
 * token and cost of both sides with their difference, then the totals. Names come from the traces
 * and are cut to a fixed width, so a line stays readable whatever was captured.
 */
final class TraceDiffTable {
  static final int NAME_WIDTH = 48;
  private static final int MAX_INDENT = 10;
  private static final int DURATION_WIDTH = 34;
  private static final int TOKENS_WIDTH = 22;
  private static final int COST_WIDTH = 30;

  private TraceDiffTable() {}

  static String render(TraceDiff diff) {
    StringBuilder out = new StringBuilder();
    header(out, "A", diff.traceA());
    header(out, "B", diff.traceB());
    out.append("legend: + only in B   - only in A   ~ changed   (A -> B, difference)\n\n");
    out.append("  ")
        .append(pad("span", NAME_WIDTH))
        .append("  ")
        .append(pad("duration", DURATION_WIDTH))
        .append(pad("tokens", TOKENS_WIDTH))
        .append(pad("cost", COST_WIDTH))
        .append("changed\n");
    for (AlignedSpan row : diff.rows()) {
      out.append(line(row)).append('\n');
    }
    SpanMeasure.Totals a = diff.totalA();
    SpanMeasure.Totals b = diff.totalB();
    out.append('\n')
        .append("total duration  ")
        .append(durations(a.durationMicros(), b.durationMicros()))
        .append('\n')
        .append("total tokens    ")
        .append(counts(a.tokens(), b.tokens()))
        .append("  (in ")
        .append(counts(a.inputTokens(), b.inputTokens()))
        .append(", out ")
        .append(counts(a.outputTokens(), b.outputTokens()))
        .append(")\n")
        .append("total cost      ")
        .append(totalCost(a.cost(), b.cost()))
        .append('\n')
        .append("spans           ")
        .append(diff.count(Change.SAME))
        .append(" same, ")
        .append(diff.count(Change.CHANGED))
        .append(" changed, ")
        .append(diff.count(Change.REMOVED))
        .append(" only in A, ")
        .append(diff.count(Change.ADDED))
        .append(" only in B\n");
    return out.toString();
  }

  private static void header(StringBuilder out, String label, TraceRecord trace) {
    String name = trace.workflowName() == null ? "(unnamed)" : trace.workflowName();
    out.append(label)
        .append("  ")
        .append(trace.traceId())
        .append("  ")
        .append(TextWidth.shown(name, TextWidth.NAME))
        .append('\n');
  }

  private static String line(AlignedSpan row) {
    String marker =
        switch (row.change()) {
          case ADDED -> "+";
          case REMOVED -> "-";
          case CHANGED -> "~";
          case SAME -> " ";
        };
    String indent = "  ".repeat(Math.min(row.depth(), MAX_INDENT));
    String name = indent + row.type() + " " + row.name();
    SpanMeasure a = row.measureA();
    SpanMeasure b = row.measureB();
    boolean model = (a != null && a.tokens() > 0) || (b != null && b.tokens() > 0);
    StringBuilder line = new StringBuilder(marker).append(' ');
    line.append(pad(TextWidth.shown(name, NAME_WIDTH), NAME_WIDTH)).append("  ");
    line.append(pad(durations(durationOf(a), durationOf(b)), DURATION_WIDTH));
    line.append(pad(model ? counts(tokensOf(a), tokensOf(b)) : "", TOKENS_WIDTH));
    line.append(pad(model ? costs(a, b) : "", COST_WIDTH));
    line.append(String.join(", ", row.changedParts()));
    return line.toString().stripTrailing();
  }

  private static String durations(Long a, Long b) {
    StringBuilder text =
        new StringBuilder(a == null ? "-" : duration(a))
            .append(" -> ")
            .append(b == null ? "-" : duration(b));
    if (a != null && b != null && !a.equals(b)) {
      long delta = b - a;
      text.append(" (").append(delta > 0 ? "+" : "-").append(duration(Math.abs(delta))).append(')');
    }
    return text.toString();
  }

  private static String counts(Long a, Long b) {
    StringBuilder text =
        new StringBuilder(a == null ? "-" : a.toString())
            .append(" -> ")
            .append(b == null ? "-" : b.toString());
    if (a != null && b != null && !a.equals(b)) {
      text.append(" (").append(b - a > 0 ? "+" : "").append(b - a).append(')');
    }
    return text.toString();
  }

  /** Costs of one span: a missing side shows as "-", an unpriced one as "unpriced". */
  private static String costs(SpanMeasure a, SpanMeasure b) {
    StringBuilder text = new StringBuilder(cost(a)).append(" -> ").append(cost(b));
    if (a != null && b != null && a.usd() != null && b.usd() != null && !a.usd().equals(b.usd())) {
      text.append(" (").append(signedUsd(b.usd() - a.usd())).append(')');
    }
    return text.toString();
  }

  private static String cost(SpanMeasure m) {
    return m == null ? "-" : m.usd() == null ? "unpriced" : AnalysisTable.usd(m.usd());
  }

  private static Long durationOf(SpanMeasure m) {
    return m == null ? null : m.durationMicros();
  }

  private static Long tokensOf(SpanMeasure m) {
    return m == null ? null : m.tokens();
  }

  private static String totalCost(CostEstimate a, CostEstimate b) {
    StringBuilder text = new StringBuilder(a.shortText()).append(" -> ").append(b.shortText());
    if (!a.usdByModel().isEmpty() || !b.usdByModel().isEmpty()) {
      text.append(" (").append(signedUsd(b.usd() - a.usd()));
      if (!a.isComplete() || !b.isComplete()) {
        text.append(", priced models only");
      }
      text.append(')');
    }
    return text.toString();
  }

  private static String signedUsd(double delta) {
    return (delta < 0 ? "-" : "+") + AnalysisTable.usd(Math.abs(delta));
  }

  private static String duration(long micros) {
    if (micros < 1_000) {
      return micros + " µs";
    }
    if (micros < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
    }
    return String.format(Locale.ROOT, "%.3f s", micros / 1_000_000.0);
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }
}
