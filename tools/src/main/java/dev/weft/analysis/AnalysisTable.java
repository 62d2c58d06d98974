package dev.weft.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link TraceAnalysis} as aligned plain text for terminals and logs. */
final class AnalysisTable {
  private AnalysisTable() {}

  static String render(TraceAnalysis a) {
    StringBuilder out = new StringBuilder();
    out.append("trace ")
        .append(TextWidth.shown(a.trace().workflowName(), TextWidth.NAME))
        .append(" (")
        .append(a.trace().traceId())
        .append(")")
        .append(a.trace().isEnded() ? "" : " still open")
        .append('\n');
    row(out, "duration", duration(a.durationMicros()));
    row(
        out,
        "spans",
        a.spanCount() + (a.spanCount() == 0 ? "" : " (" + counts(a.spansByType(), " ") + ")"));
    row(
        out,
        "tokens",
        "in " + a.usage().inputTokens() + ", out " + a.usage().outputTokens() + perModel(a));
    row(out, "cost", cost(a.cost()));
    if (a.costByAgent().values().stream().anyMatch(usd -> usd > 0)) {
      List<String> agents = new ArrayList<>();
      a.costByAgent()
          .forEach(
              (name, usd) -> agents.add(TextWidth.shown(name, TextWidth.NAME) + " " + usd(usd)));
      row(out, "cost by agent", String.join(", ", agents));
    }
    row(out, "tool calls", a.toolCalls().isEmpty() ? "none" : counts(a.toolCalls(), " x"));
    List<String> chain = new ArrayList<>();
    a.handoffs()
        .forEach(
            h ->
                chain.add(
                    TextWidth.shown(name(h.from()), TextWidth.NAME)
                        + " -> "
                        + TextWidth.shown(name(h.to()), TextWidth.NAME)));
    row(out, "handoffs", chain.isEmpty() ? "none" : String.join(", ", chain));
    if (a.errors().isEmpty()) {
      row(out, "errors", "none");
    } else {
      for (TraceAnalysis.SpanFailure f : a.errors()) {
        row(
            out,
            "error",
            f.spanType()
                + " "
                + TextWidth.shown(f.name(), TextWidth.NAME)
                + ": "
                + TextWidth.shown(f.message(), TextWidth.MESSAGE));
      }
    }
    String slowLabel = "slow (>= " + duration(a.slowThreshold().toNanos() / 1_000) + ")";
    if (a.slowSpans().isEmpty()) {
      row(out, slowLabel, "none");
    } else {
      for (TraceAnalysis.SlowSpan s : a.slowSpans()) {
        row(
            out,
            slowLabel,
            s.spanType()
                + " "
                + TextWidth.shown(s.name(), TextWidth.NAME)
                + " "
                + duration(s.durationMicros()));
      }
    }
    return out.toString();
  }

  private static String perModel(TraceAnalysis a) {
    if (a.usageByModel().size() < 2) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    a.usageByModel()
        .forEach((m, u) -> parts.add(m + " " + u.inputTokens() + "/" + u.outputTokens()));
    return " (" + String.join(", ", parts) + ")";
  }

  private static String cost(CostEstimate cost) {
    String usd = usd(cost.usd());
    if (cost.isComplete()) {
      return usd;
    }
    // Nothing priced: no dollar figure, which would read as free.
    return (cost.usdByModel().isEmpty() ? "" : usd + " + ")
        + "unpriced "
        + unpricedNames(cost)
        + " (in "
        + cost.unpricedInputTokens()
        + ", out "
        + cost.unpricedOutputTokens()
        + " tokens)";
  }

  /** The unpriced models' names, each on one line of a shown width: they come from the trace. */
  static String unpricedNames(CostEstimate cost) {
    List<String> names = new ArrayList<>();
    cost.unpricedModels().forEach(m -> names.add(TextWidth.shown(m, TextWidth.NAME)));
    return String.join(", ", names);
  }

  /** Dollars with four decimals, or six when four would show a cost that is not zero as zero. */
  static String usd(double usd) {
    return String.format(Locale.ROOT, usd > 0 && usd < 0.00005 ? "$%.6f" : "$%.4f", usd);
  }

  /** Returns {@code key<separator>count} pairs joined by commas. */
  private static String counts(Map<String, Integer> counts, String separator) {
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(TextWidth.shown(k, TextWidth.NAME) + separator + v));
    return String.join(", ", parts);
  }

  private static String name(String agent) {
    return agent == null ? "?" : agent;
  }

  private static void row(StringBuilder out, String label, String value) {
    out.append("  ").append(label);
    out.append(" ".repeat(Math.max(1, 22 - label.length()))).append(value).append('\n');
  }

  static String duration(long micros) {
    if (micros < 1_000) {
      return micros + " µs";
    }
    if (micros < 1_000_000) {
      return (micros / 1_000) + " ms";
    }
    return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000.0);
  }
}
