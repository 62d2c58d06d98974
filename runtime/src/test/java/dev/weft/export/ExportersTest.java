package dev.weft.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.TracingProcessor;
import dev.weft.config.TestConfigs;
import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import dev.weft.processor.BatchTraceProcessor;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportersTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void captureLog() {
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLog() {
    WeftLog.setOutput(System.err);
  }

  private static WeftConfig config(Map<String, String> properties) {
    return TestConfigs.fromProperties(properties);
  }

  @Test
  void anExporterFoundByName_isPutBehindABatchProcessor() {
    List<TracingProcessor> processors =
        Exporters.processorsFor(config(Map.of("weft.exporters", "discard")));
    assertThat(processors).singleElement().isInstanceOf(BatchTraceProcessor.class);
    processors.forEach(TracingProcessor::shutdown);
    assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aNetworkExporter_getsTheSmallerDefaultQueue_aLocalOneTheFullOne_unlessConfigured() {
    dev.weft.processor.SpanExporter remote = (traces, spans) -> {};
    dev.weft.processor.SpanExporter local = localExporter();
    WeftConfig defaults = config(Map.of());
    WeftConfig configured = config(Map.of("weft.batch.max-queue-size", "50000"));
    // Set to the very default, the key still counts as configured.
    WeftConfig configuredAsDefault =
        config(
            Map.of(
                "weft.batch.max-queue-size",
                String.valueOf(BatchTraceProcessor.DEFAULT_MAX_QUEUE_SIZE)));

    List<BatchTraceProcessor> processors =
        List.of(
            Exporters.batch(remote, defaults),
            Exporters.batch(local, defaults),
            Exporters.batch(remote, configured),
            Exporters.batch(remote, configuredAsDefault));
    try {
      assertThat(processors)
          .extracting(BatchTraceProcessor::queueCapacity)
          .containsExactly(
              BatchTraceProcessor.DEFAULT_NETWORK_QUEUE_SIZE,
              BatchTraceProcessor.DEFAULT_MAX_QUEUE_SIZE,
              50000,
              BatchTraceProcessor.DEFAULT_MAX_QUEUE_SIZE);
    } finally {
      processors.forEach(BatchTraceProcessor::shutdown);
    }
  }

  @Test
  void aLocalExporter_getsLargerDefaultBatches_aNetworkOneTheDefault_unlessConfigured() {
    dev.weft.processor.SpanExporter remote = (traces, spans) -> {};
    dev.weft.processor.SpanExporter local = localExporter();
    WeftConfig defaults = config(Map.of());
    WeftConfig configured = config(Map.of("weft.batch.max-batch-size", "300"));
    WeftConfig smallQueue = config(Map.of("weft.batch.max-queue-size", "1000"));

    List<BatchTraceProcessor> processors =
        List.of(
            Exporters.batch(remote, defaults),
            Exporters.batch(local, defaults),
            Exporters.batch(remote, configured),
            Exporters.batch(local, configured),
            Exporters.batch(local, smallQueue));
    try {
      assertThat(processors)
          .extracting(BatchTraceProcessor::maxBatchSize)
          .containsExactly(
              BatchTraceProcessor.DEFAULT_MAX_BATCH_SIZE,
              BatchTraceProcessor.DEFAULT_LOCAL_BATCH_SIZE,
              300,
              300,
              1000);
    } finally {
      processors.forEach(BatchTraceProcessor::shutdown);
    }
  }

  @Test
  void none_isNoProcessor() {
    assertThat(Exporters.processorsFor(config(Map.of("weft.exporters", "none")))).isEmpty();
  }

  @Test
  void anUnknownName_isOneLineNamingTheExportersAvailable() {
    List<TracingProcessor> processors =
        Exporters.processorsFor(config(Map.of("weft.exporters", "discard,zipkin")));
    assertThat(processors).hasSize(1);
    processors.forEach(TracingProcessor::shutdown);
    assertThat(log.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .contains("zipkin", "available: broken, discard, slow, none");
  }

  @Test
  void anExporterThatCannotStart_isLeftOut_andTheOthersStart() {
    List<TracingProcessor> processors =
        Exporters.processorsFor(config(Map.of("weft.exporters", "broken,discard")));
    assertThat(processors).hasSize(1);
    processors.forEach(TracingProcessor::shutdown);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("exporter broken could not start", "java.io.IOException");
  }

  @Test
  void anExporterOfAnExtensionJar_isFoundByName() throws Exception {
    Path jar = dir.resolve("acme-exporter.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(
          new JarEntry("META-INF/services/" + SpanExporterProvider.class.getName()));
      jarOut.write(
          (TestExporterProviders.ExtensionOnly.class.getName() + "\n")
              .getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
    }
    WeftConfig withExtension =
        config(Map.of("weft.exporters", "extended", "weft.extensions", jar.toString()));
    assertThat(Exporters.availableNames(withExtension)).contains("extended", "discard");
    List<TracingProcessor> processors = Exporters.processorsFor(withExtension);
    assertThat(processors).singleElement().isInstanceOf(BatchTraceProcessor.class);
    processors.forEach(TracingProcessor::shutdown);

    assertThat(Exporters.availableNames(config(Map.of()))).doesNotContain("extended");
  }

  @Test
  void aMissingExtensionJar_isOneLineAndNoExtension() {
    WeftConfig missing = config(Map.of("weft.extensions", dir.resolve("gone.jar").toString()));
    assertThat(Exporters.availableNames(missing)).containsExactly("broken", "discard", "slow");
    assertThat(log.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .contains("weft.extensions", "gone.jar");
  }

  /** An exporter that discards what it gets and says it writes to this machine. */
  private static dev.weft.processor.SpanExporter localExporter() {
    return new dev.weft.processor.SpanExporter() {
      @Override
      public void export(List<dev.weft.TraceRecord> traces, List<dev.weft.SpanRecord> spans) {}

      @Override
      public boolean writesLocally() {
        return true;
      }
    };
  }
}
