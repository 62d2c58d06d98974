package dev.weft.export;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.config.WeftConfig;
import dev.weft.processor.SpanExporter;
import java.util.List;

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
