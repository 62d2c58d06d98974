package dev.weft.benchmarks;

import dev.weft.Span;
import dev.weft.TraceRecord;
import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.export.Exporters;
import dev.weft.export.SpanExporterProvider;
import dev.weft.export.TraceJson;
import dev.weft.processor.SpanExporter;
import java.util.List;

/**
 * The {@code discard} exporter of {@code weft.exporters}: the batch processor in front of an
 * exporter that writes every trace and span as contract JSON and throws the text away.
 *
 * <p>It stands for "an exporter is on" in the benchmarks: the application thread pays for the batch
 * queue, and the worker thread does the serialisation work a real exporter does (competing for the
 * same cores, as the OpenTelemetry agent's OTLP exporter does), without filling a disk with one
 * file per benchmarked call.
 */
public final class DiscardExporterProvider implements SpanExporterProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public DiscardExporterProvider() {}

  @Override
  public String name() {
    return "discard";
  }

  @Override
  public TracingProcessor create(WeftConfig config) {
    return Exporters.batch(new DiscardExporter(), config);
  }

  /** Serialises each record as the JSON exporters do and counts the characters. */
  private static final class DiscardExporter implements SpanExporter {
    private long records;
    private long chars;

    @Override
    public void export(List<TraceRecord> traces, List<Span> spans) {
      for (TraceRecord trace : traces) {
        chars += TraceJson.traceToString(trace, true).length();
      }
      for (Span span : spans) {
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
}
