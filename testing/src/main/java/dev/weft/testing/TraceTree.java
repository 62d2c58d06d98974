package dev.weft.testing;

import dev.weft.SpanRecord;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.Usage;

/**
 * The normalised text of a trace, for snapshots: no ids, no times, one line per span, indented by
 * depth, children in start order.
 *
 * <pre>
 * trace Support desk
 *   agent Triage
 *     guardrail no_secrets TRIPPED
 *     function lookup_order
 *     handoff Triage -&gt; Billing
 * </pre>
 *
 * A span that failed ends its line with {@code ERROR <exception type or message>}. With data, a
 * tool line adds {@code (<arguments>) -> <result>}, a generation its token counts.
 */
final class TraceTree {
  private static final int MAX_TEXT = 80;

  enum Detail {
    NAMES,
    DATA
  }

  private TraceTree() {}

  static String of(CapturedTrace trace, Detail detail) {
    StringBuilder text = new StringBuilder("trace ").append(trace.workflowName()).append('\n');
    for (SpanRecord root : trace.roots()) {
      append(text, trace, root, 1, detail);
    }
    return text.toString();
  }

  private static void append(
      StringBuilder text, CapturedTrace trace, SpanRecord span, int depth, Detail detail) {
    text.append("  ".repeat(depth)).append(line(span, detail)).append('\n');
    for (SpanRecord child : trace.children(span)) {
      append(text, trace, child, depth + 1, detail);
    }
  }

  static String line(SpanRecord span, Detail detail) {
    SpanData data = span.data();
    StringBuilder line = new StringBuilder(data.type());
    if (data instanceof HandoffSpanData handoff) {
      line.append(' ').append(handoff.fromAgent()).append(" -> ").append(handoff.toAgent());
    } else {
      line.append(' ').append(data.displayName());
    }
    if (data instanceof GuardrailSpanData guardrail && guardrail.triggered()) {
      line.append(" TRIPPED");
    }
    if (detail == Detail.DATA) {
      if (data instanceof FunctionSpanData function) {
        line.append(" (")
            .append(cut(function.input()))
            .append(") -> ")
            .append(cut(function.output()));
      } else if (data instanceof GenerationSpanData generation && generation.usage() != null) {
        Usage usage = generation.usage();
        line.append(" [").append(usage.inputTokens()).append(" in, ").append(usage.outputTokens());
        line.append(" out]");
      }
    }
    if (span.error() != null) {
      Object type = span.error().data() == null ? null : span.error().data().get("type");
      line.append(" ERROR ").append(type != null ? type : cut(span.error().message()));
    }
    return line.toString();
  }

  private static String cut(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replace('\n', ' ');
    return flat.length() <= MAX_TEXT ? flat : flat.substring(0, MAX_TEXT) + "…";
  }
}
