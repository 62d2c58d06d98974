package dev.weft.benchmarks;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.export.Exporters;
import dev.weft.processor.BatchTraceProcessor;
import dev.weft.processor.SpanExporter;
import dev.weft.tracefile.TraceJson;
import java.util.List;

/**
 * An exporter that writes every trace and span as contract JSON and throws the text away, behind
 * the batch processor: it stands for "an exporter is on" in the benchmarks.
 *
 * <p>The application thread pays for the batch queue, and the worker thread does the serialisation
 * work a real exporter does (competing for the same cores, as the OpenTelemetry agent's OTLP
 * exporter does), without filling a disk with one file per benchmarked call.
 */
final class DiscardExporter implements SpanExporter {
  private long records;
  private long chars;

  /** Makes a batch processor in front of a new discarding exporter Weft's only processor. */
  static BatchTraceProcessor install() {
    BatchTraceProcessor processor = Exporters.batch(new DiscardExporter(), Tracing.config());
    Tracing.setProcessors(processor);
    return processor;
  }

  @Override
  public void export(List<TraceRecord> traces, List<SpanRecord> spans) {
    for (TraceRecord trace : traces) {
      chars += TraceJson.traceToString(trace, true).length();
    }
    for (SpanRecord span : spans) {
      chars += TraceJson.spanToString(span).length();
    }
    records += traces.size() + spans.size();
  }

  @Override
  public void shutdown() {
    System.err.println(
        "[bench] discard exporter serialised " + records + " records, " + chars + " chars");
  }
}
