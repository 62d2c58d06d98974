package dev.weft.cli;

import dev.weft.SpanRecord;
import dev.weft.analysis.PriceTable;
import dev.weft.analysis.TraceAnalysis;
import dev.weft.data.GuardrailSpanData;
import dev.weft.tracefile.TraceFile;
import dev.weft.tracefile.TraceFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One trace file as the command line shows it: the analysis of its trace, and where it came from.
 */
final class TraceReport {
  final Path file;
  final TraceFile trace;
  final TraceAnalysis analysis;
  final List<String> trippedGuardrails;

  private TraceReport(Path file, TraceFile trace, TraceAnalysis analysis) {
    this.file = file;
    this.trace = trace;
    this.analysis = analysis;
    List<String> tripped = new ArrayList<>();
    for (SpanRecord span : trace.spans()) {
      if (span.data() instanceof GuardrailSpanData guardrail && guardrail.triggered()) {
        tripped.add(guardrail.name());
      }
    }
    this.trippedGuardrails = List.copyOf(tripped);
  }

  /**
   * Reads and analyses one trace file, estimating costs with {@code prices}.
   *
   * @throws IOException when the file cannot be read or is not a trace file, with a one-line reason
   */
  static TraceReport read(Path file, PriceTable prices) throws IOException {
    TraceFile trace = TraceFiles.read(file);
    return new TraceReport(
        file,
        trace,
        TraceAnalysis.of(
            trace.trace(), trace.spans(), prices, TraceAnalysis.DEFAULT_SLOW_THRESHOLD));
  }

  String traceId() {
    return trace.trace().traceId();
  }

  String workflowName() {
    String name = trace.trace().workflowName();
    return name == null || name.isEmpty() ? "(unnamed)" : name;
  }

  long startedAtMicros() {
    return trace.trace().startedAtMicros();
  }

  int toolCallCount() {
    return analysis.toolCalls().values().stream().mapToInt(Integer::intValue).sum();
  }
}
