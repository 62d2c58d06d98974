package dev.weft.export.files;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.processor.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints each finished trace as an indented tree of its spans with their durations, for a quick
 * look while developing.
 *
 * <pre>
 * trace Podcast workflow (trace_…) 1.84 s, 9 spans
 *   agent Orchestrator 1.80 s
 *     function extract_keywords 412 ms
 * </pre>
 */
public final class ConsoleExporter implements SpanExporter {
  private static final int MAX_PENDING_SPANS = 100_000;

  private final PrintStream out;
  private final Map<String, List<SpanRecord>> pending = new HashMap<>();
  private int pendingCount;

  private ConsoleExporter(PrintStream out) {
    this.out = out;
  }

  /** Returns an exporter printing to {@code out}. */
  public static ConsoleExporter create(PrintStream out) {
    return new ConsoleExporter(out);
  }

  @Override
  public synchronized void export(List<TraceRecord> traces, List<SpanRecord> spans) {
    for (SpanRecord span : spans) {
      if (pendingCount < MAX_PENDING_SPANS) {
        pending.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
        pendingCount++;
      }
    }
    for (TraceRecord trace : traces) {
      if (trace.isEnded()) {
        List<SpanRecord> traceSpans = pending.remove(trace.traceId());
        traceSpans = traceSpans == null ? List.of() : traceSpans;
        pendingCount -= traceSpans.size();
        out.print(render(trace, traceSpans));
        out.flush();
      }
    }
  }

  /** Returns the tree text of one trace. */
  static String render(TraceRecord trace, List<SpanRecord> spans) {
    StringBuilder text = new StringBuilder();
    text.append("trace ")
        .append(trace.workflowName())
        .append(" (")
        .append(trace.traceId())
        .append(") ")
        .append(duration(trace.durationMicros()))
        .append(", ")
        .append(spans.size())
        .append(spans.size() == 1 ? " span" : " spans")
        .append('\n');
    Map<String, List<SpanRecord>> children = new LinkedHashMap<>();
    Map<String, SpanRecord> byId = new HashMap<>();
    List<SpanRecord> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(SpanRecord::startedAtMicros));
    for (SpanRecord span : sorted) {
      byId.put(span.spanId(), span);
    }
    List<SpanRecord> roots = new ArrayList<>();
    for (SpanRecord span : sorted) {
      String parent = span.parentId();
      if (parent == null || !byId.containsKey(parent)) {
        roots.add(span);
      } else {
        children.computeIfAbsent(parent, id -> new ArrayList<>()).add(span);
      }
    }
    for (SpanRecord root : roots) {
      appendTree(text, root, children, 1);
    }
    return text.toString();
  }

  private static void appendTree(
      StringBuilder text, SpanRecord span, Map<String, List<SpanRecord>> children, int depth) {
    text.append("  ".repeat(depth))
        .append(span.data().type())
        .append(' ')
        .append(span.data().displayName())
        .append(' ')
        .append(duration(span.endedAtMicros() - span.startedAtMicros()));
    if (span.error() != null) {
      text.append("  ERROR ").append(span.error().message());
    }
    text.append('\n');
    for (SpanRecord child : children.getOrDefault(span.spanId(), List.of())) {
      appendTree(text, child, children, depth + 1);
    }
  }

  static String duration(long micros) {
    if (micros < 1_000) {
      return micros + " µs";
    }
    if (micros < 1_000_000) {
      return (micros / 1_000) + " ms";
    }
    return String.format(java.util.Locale.ROOT, "%.2f s", micros / 1_000_000.0);
  }

  @Override
  public boolean writesLocally() {
    return true;
  }
}
