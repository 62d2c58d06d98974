package dev.weft.benchmarks;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.export.Exporters;
import dev.weft.processor.BatchTraceProcessor;
import dev.weft.processor.SpanExporter;
import dev.weft.tracefile.TraceJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An exporter that writes every trace and span as contract JSON and throws the text away, behind
 * the batch processor: it stands for "an exporter is on" in the benchmarks.
 *
 * <p>The application thread pays for the batch queue, and the worker thread does the serialisation
 * work a real exporter does (competing for the same cores, as the OpenTelemetry agent's OTLP
 * exporter does), without filling a disk with one file per benchmarked call. It serialises as the
 * {@code jsonl} exporter does, one generator per batch streaming bytes, and counts the bytes
 * instead of writing them.
 */
final class DiscardExporter implements SpanExporter {
  private final Discarding sink = new Discarding();
  private long records;

  /** Makes a batch processor in front of a new discarding exporter Weft's only processor. */
  static BatchTraceProcessor install() {
    BatchTraceProcessor processor = Exporters.batch(new DiscardExporter(), Tracing.config());
    Tracing.setProcessors(processor);
    return processor;
  }

  @Override
  public void export(List<TraceRecord> traces, List<SpanRecord> spans) {
    try {
      TraceJson.writeLines(sink, traces, spans);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    records += traces.size() + spans.size();
  }

  @Override
  public void shutdown() {
    System.err.println(
        "[bench] discard exporter serialised " + records + " records, " + sink.bytes + " bytes");
  }

  /** Counts what is written to it and keeps nothing. */
  private static final class Discarding extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
