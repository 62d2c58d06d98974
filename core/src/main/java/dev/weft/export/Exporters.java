package dev.weft.export;

import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import dev.weft.processor.BatchTraceProcessor;
import dev.weft.processor.SimpleTraceProcessor;
import dev.weft.processor.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Turns the exporter names of {@code weft.exporters} into processors. */
public final class Exporters {
  private Exporters() {}

  /**
   * Returns one processor per configured exporter; an exporter that cannot start is logged and left
   * out, so tracing goes on with the others.
   */
  public static List<TracingProcessor> processorsFor(WeftConfig config) {
    List<TracingProcessor> processors = new ArrayList<>();
    for (String name : config.exporters()) {
      try {
        TracingProcessor processor = create(name, config);
        if (processor != null) {
          processors.add(processor);
        }
      } catch (Exception | LinkageError e) {
        WeftLog.error("exporter " + name + " could not start; traces will not go there", e);
      }
    }
    return processors;
  }

  /** Wraps an exporter in a batch processor configured from {@code weft.batch.*}. */
  public static BatchTraceProcessor batch(SpanExporter exporter, WeftConfig config) {
    return BatchTraceProcessor.builder(exporter)
        .maxQueueSize(config.batchMaxQueueSize())
        .maxBatchSize(config.batchMaxBatchSize())
        .scheduleDelay(Duration.ofMillis(Math.max(1, config.batchScheduleDelayMillis())))
        .build();
  }

  private static TracingProcessor create(String name, WeftConfig config) throws Exception {
    switch (name) {
      case "none":
        return null;
      case "json":
        return batch(JsonFileExporter.create(config.jsonDir()), config);
      case "jsonl":
        return SimpleTraceProcessor.create(JsonlExporter.create(jsonlFile(config)));
      case "console":
        return SimpleTraceProcessor.create(ConsoleExporter.create(System.out));
      default:
        for (SpanExporterProvider provider : providers()) {
          if (provider.name().equals(name)) {
            return provider.create(config);
          }
        }
        WeftLog.warn("exporter " + name + " is not available in this build; it is left out");
        return null;
    }
  }

  private static java.nio.file.Path jsonlFile(WeftConfig config) {
    String file = config.get("weft.jsonl.file");
    return file == null || file.isBlank()
        ? config.jsonDir().resolve("traces.jsonl")
        : java.nio.file.Path.of(file);
  }

  private static Iterable<SpanExporterProvider> providers() {
    ClassLoader loader = Exporters.class.getClassLoader();
    return loader == null
        ? ServiceLoader.load(SpanExporterProvider.class, ClassLoader.getSystemClassLoader())
        : ServiceLoader.load(SpanExporterProvider.class, loader);
  }
}
