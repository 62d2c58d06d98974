package dev.weft.export;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.config.WeftConfig;
import dev.weft.processor.SpanExporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Exporter providers of the runtime's tests, found through the tests' service files. */
public final class TestExporterProviders {
  private TestExporterProviders() {}

  /** An exporter that keeps nothing, named {@code discard}. */
  public static final class Discard implements SpanExporterProvider {
    @Override
    public String name() {
      return "discard";
    }

    @Override
    public SpanExporter create(WeftConfig config) {
      return (List<TraceRecord> traces, List<SpanRecord> spans) -> {};
    }
  }

  /** An exporter that cannot start, named {@code broken}. */
  public static final class Broken implements SpanExporterProvider {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public SpanExporter create(WeftConfig config) throws Exception {
      throw new java.io.IOException("no such device");
    }
  }

  /**
   * An exporter, named {@code slow}, that keeps the workflow names of the traces and the names of
   * the spans it is given, and that starts only once {@link #SLOW_START} is counted down.
   */
  public static final class Slow implements SpanExporterProvider {
    /** Counted down to let the exporter start; a test sets a latch of its own. */
    public static volatile CountDownLatch SLOW_START = new CountDownLatch(0);

    /** What the exporters made so far were given: workflow and span names. */
    public static final List<String> EXPORTED = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "slow";
    }

    @Override
    public SpanExporter create(WeftConfig config) throws InterruptedException {
      SLOW_START.await(10, TimeUnit.SECONDS);
      return (List<TraceRecord> traces, List<SpanRecord> spans) -> {
        traces.forEach(trace -> EXPORTED.add("trace " + trace.workflowName()));
        spans.forEach(span -> EXPORTED.add("span " + span.data().displayName()));
      };
    }
  }

  /** Listed only in the service file of an extension jar a test builds, named {@code extended}. */
  public static final class ExtensionOnly implements SpanExporterProvider {
    @Override
    public String name() {
      return "extended";
    }

    @Override
    public SpanExporter create(WeftConfig config) {
      return (List<TraceRecord> traces, List<SpanRecord> spans) -> {};
    }
  }
}
