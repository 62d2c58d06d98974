package dev.weft.export.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.RecordingProcessor;
import dev.weft.Span;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.config.TestConfigs;
import dev.weft.viewer.TraceFolderViewer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weft.json.retention.*: the oldest trace files beyond the limits go, and the index follows. */
class RetentionTest {
  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
    TestTracing.reset();
  }

  @Test
  void atStartAndAsTracesAreWritten_theFolderKeepsWithinTheLimits() throws Exception {
    // Files of an earlier run: three written ten days ago, two yesterday.
    for (int i = 0; i < 5; i++) {
      Path file = dir.resolve("trace_" + "0".repeat(31) + i + ".json");
      Files.writeString(file, sampleTrace(file), StandardCharsets.UTF_8);
      Instant written = Instant.now().minus(Duration.ofDays(i < 3 ? 10 : 1)).plusSeconds(i);
      Files.setLastModifiedTime(file, FileTime.from(written));
    }
    TraceFolderViewer.install(dir);

    JsonFileExporter exporter =
        JsonFileExporter.create(
            dir,
            FileExporterSettings.retention(
                TestConfigs.fromProperties(
                    Map.of(
                        "weft.json.retention.max-traces", "3",
                        "weft.json.retention.max-age", "7d"))));

    assertThat(traceFiles())
        .containsExactlyInAnyOrder(
            "trace_" + "0".repeat(31) + "3.json", "trace_" + "0".repeat(31) + "4.json");

    RecordingProcessor recorder = TestTracing.reset();
    for (int i = 0; i < 2; i++) {
      try (Trace trace = Tracing.trace("new " + i).start();
          Span span = Tracing.startAgentSpan("Agent")) {
        // traced work
      }
    }
    exporter.export(recorder.traceEnds, recorder.spanEnds);

    List<String> kept = traceFiles();
    assertThat(kept).hasSize(3).doesNotContain("trace_" + "0".repeat(31) + "3.json");
    String index = readIndex();
    for (String name : kept) {
      assertThat(index).contains(name.replace(".json", ""));
    }
    assertThat(index).doesNotContain("0".repeat(31) + "3").doesNotContain("0".repeat(31) + "0");
  }

  @Test
  void parseAge_readsDaysHoursMinutesSeconds_andRefusesTheRest() {
    assertThat(Retention.parseAge("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Retention.parseAge("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Retention.parseAge("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Retention.parseAge("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Retention.parseAge("7 days")).isNull();
    assertThat(Retention.parseAge("-1d")).isNull();
  }

  private List<String> traceFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("trace_") && n.endsWith(".json"))
          .sorted()
          .toList();
    }
  }

  private String readIndex() throws Exception {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> segments = Files.list(dir.resolve("weft-index"))) {
      for (Path segment : segments.toList()) {
        text.append(Files.readString(segment, StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  private static String sampleTrace(Path file) {
    String id = file.getFileName().toString().replace(".json", "");
    return "{\"trace\":{\"object\":\"trace\",\"id\":\""
        + id
        + "\",\"workflow_name\":\"old\",\"group_id\":null,\"metadata\":null,"
        + "\"started_at\":\"2026-11-21T19:36:01.000000Z\",\"ended_at\":\"2026-11-21T19:36:02.000000Z\"},"
        + "\"spans\":[]}";
  }
}
