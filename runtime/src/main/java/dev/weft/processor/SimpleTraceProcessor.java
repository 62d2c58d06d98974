package dev.weft.processor;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.TracingProcessor;
import dev.weft.internal.WeftLog;
import java.util.List;

/**
 * A processor that exports each trace record and ended span at once, on the calling thread, so the
 * application waits for the exporter: for tests, and for applications that install an exporter by
 * hand and want each record out before the call that ended it returns. Configured exporters, the
 * file ones included, run behind a {@link BatchTraceProcessor}.
 */
public final class SimpleTraceProcessor implements TracingProcessor {
  private final SpanExporter exporter;

  private SimpleTraceProcessor(SpanExporter exporter) {
    this.exporter = exporter;
  }

  /** Returns a processor exporting through {@code exporter} synchronously. */
  public static SimpleTraceProcessor create(SpanExporter exporter) {
    return new SimpleTraceProcessor(exporter);
  }

  @Override
  public void onTraceStart(TraceRecord trace) {
    export(List.of(trace), List.of());
  }

  @Override
  public void onTraceEnd(TraceRecord trace) {
    export(List.of(trace), List.of());
  }

  @Override
  public void onSpanEnd(SpanRecord span) {
    export(List.of(), List.of(span));
  }

  @Override
  public void forceFlush() {
    try {
      exporter.flush();
    } catch (Exception e) {
      WeftLog.warnRateLimited(name() + "#flush", name() + " failed to flush", e);
    }
  }

  @Override
  public void shutdown() {
    try {
      exporter.shutdown();
    } catch (Exception e) {
      WeftLog.warnRateLimited(name() + "#shutdown", name() + " failed to shut down", e);
    }
  }

  private void export(List<TraceRecord> traces, List<SpanRecord> spans) {
    try {
      exporter.export(traces, spans);
    } catch (Exception e) {
      WeftLog.warnRateLimited(name() + "#export", name() + " failed to export", e);
    }
  }

  private String name() {
    return exporter.getClass().getSimpleName();
  }
}
