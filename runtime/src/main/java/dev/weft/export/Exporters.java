package dev.weft.export;

import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import dev.weft.processor.BatchTraceProcessor;
import dev.weft.processor.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Turns the exporter names of {@code weft.exporters} into processors: each name is looked up among
 * the {@link SpanExporterProvider}s found on the class path and in the extension jars, and each
 * exporter is put behind a batch processor. {@link TracingProcessorProvider}s found the same way
 * are added after them.
 */
public final class Exporters {
  private Exporters() {}

  /**
   * Returns one processor per configured exporter, then the provided processors. An unknown name is
   * reported in one line naming the exporters available; an exporter that cannot start is logged
   * and left out, so tracing goes on with the others.
   */
  public static List<TracingProcessor> processorsFor(WeftConfig config) {
    List<ClassLoader> loaders = loaders(config);
    Map<String, SpanExporterProvider> available = exporterProviders(loaders);
    List<TracingProcessorProvider> processorProviders = processorProviders(loaders);
    java.util.Set<String> declared = new java.util.HashSet<>();
    available.values().forEach(provider -> declared.addAll(provider.keys()));
    processorProviders.forEach(provider -> declared.addAll(provider.keys()));
    config.reportUnknownKeys(declared);
    List<TracingProcessor> processors = new ArrayList<>();
    for (String name : config.exporters()) {
      if (name.equals("none")) {
        continue;
      }
      SpanExporterProvider provider = available.get(name);
      if (provider == null) {
        WeftLog.warn(
            "weft.exporters names "
                + name
                + ", which is not an exporter here; it is left out (available: "
                + String.join(", ", new TreeSet<>(available.keySet()))
                + ", none)");
        continue;
      }
      try {
        SpanExporter exporter = provider.create(config);
        if (exporter != null) {
          processors.add(batch(exporter, config));
        }
      } catch (Exception | LinkageError e) {
        WeftLog.error("exporter " + name + " could not start; traces will not go there", e);
      }
    }
    for (TracingProcessorProvider provider : processorProviders) {
      try {
        TracingProcessor processor = provider.create(config);
        if (processor != null) {
          processors.add(processor);
        }
      } catch (Exception | LinkageError e) {
        WeftLog.error("processor of " + provider.getClass().getName() + " could not start", e);
      }
    }
    return processors;
  }

  /** Returns the names of the exporters found on the class path and in the extension jars. */
  public static List<String> availableNames(WeftConfig config) {
    return List.copyOf(new TreeSet<>(exporterProviders(loaders(config)).keySet()));
  }

  /** Wraps an exporter in a batch processor configured from {@code weft.batch.*}. */
  public static BatchTraceProcessor batch(SpanExporter exporter, WeftConfig config) {
    // Unless configured, a network exporter keeps the smaller queue, and an exporter to this
    // machine takes larger batches: fewer, longer writes (see writesLocally).
    boolean local = exporter.writesLocally();
    int queueSize =
        config.get("weft.batch.max-queue-size") != null || local
            ? config.batchMaxQueueSize()
            : BatchTraceProcessor.DEFAULT_NETWORK_QUEUE_SIZE;
    int batchSize =
        config.get("weft.batch.max-batch-size") == null && local
            ? Math.min(queueSize, BatchTraceProcessor.DEFAULT_LOCAL_BATCH_SIZE)
            : config.batchMaxBatchSize();
    return BatchTraceProcessor.builder(exporter)
        .maxQueueSize(queueSize)
        .maxBatchSize(batchSize)
        .scheduleDelay(Duration.ofMillis(Math.max(1, config.batchScheduleDelayMillis())))
        .build();
  }

  private static List<ClassLoader> loaders(WeftConfig config) {
    List<ClassLoader> loaders = new ArrayList<>(3);
    ClassLoader own = Exporters.class.getClassLoader();
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (own != null && own != system) {
      loaders.add(own);
    }
    // The class path: the application's own plug-ins, and under the java agent the agent jar, whose
    // network exporters lie outside the runtime's loader.
    loaders.add(system);
    ClassLoader extensions = Extensions.loader(config);
    if (extensions != null) {
      loaders.add(extensions);
    }
    return loaders;
  }

  private static Map<String, SpanExporterProvider> exporterProviders(List<ClassLoader> loaders) {
    Map<String, SpanExporterProvider> byName = new LinkedHashMap<>();
    for (SpanExporterProvider provider : load(SpanExporterProvider.class, loaders)) {
      String name = provider.name();
      if (name == null || name.isBlank()) {
        continue;
      }
      SpanExporterProvider first = byName.putIfAbsent(name, provider);
      if (first != null && first.getClass() != provider.getClass()) {
        WeftLog.warn(
            "two exporters are named "
                + name
                + ": "
                + first.getClass().getName()
                + " is used, "
                + provider.getClass().getName()
                + " is not");
      }
    }
    return byName;
  }

  private static List<TracingProcessorProvider> processorProviders(List<ClassLoader> loaders) {
    return load(TracingProcessorProvider.class, loaders);
  }

  /** Loads every provider of {@code type} visible from the loaders, each class once. */
  private static <T> List<T> load(Class<T> type, List<ClassLoader> loaders) {
    Map<Class<?>, T> found = new LinkedHashMap<>();
    for (ClassLoader loader : loaders) {
      try {
        for (ServiceLoader.Provider<T> provider : iterable(ServiceLoader.load(type, loader))) {
          Class<? extends T> kind = provider.type();
          if (!found.containsKey(kind)) {
            try {
              found.put(kind, provider.get());
            } catch (ServiceConfigurationError | LinkageError e) {
              WeftLog.error("could not load " + kind.getName(), e);
            }
          }
        }
      } catch (ServiceConfigurationError e) {
        WeftLog.error("could not look up " + type.getSimpleName() + "s", e);
      }
    }
    return new ArrayList<>(found.values());
  }

  private static <T> Iterable<ServiceLoader.Provider<T>> iterable(ServiceLoader<T> loader) {
    return () -> loader.stream().iterator();
  }
}
