package dev.weft.export.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.RecordingProcessor;
import dev.weft.Span;
import dev.weft.SpanRecord;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.fixtures.SpanSamples;
import dev.weft.internal.WeftLog;
import dev.weft.processor.SimpleTraceProcessor;
import dev.weft.tracefile.TraceFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileExporterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
    TestTracing.reset();
  }

  private JsonFileExporter install() throws IOException {
    RecordingProcessor unused = TestTracing.reset();
    JsonFileExporter exporter = JsonFileExporter.create(dir);
    Tracing.setProcessors(SimpleTraceProcessor.create(exporter));
    return exporter;
  }

  @Test
  void aBurstOfTwentyThousandTraces_beforeANormalExit_isWrittenWhole_withTheDefaultQueue()
      throws Exception {
    Path traces = dir.resolve("traces");
    Process process =
        ForkedTraceWriter.startBurst(
            dir, 20_000, "-Dweft.exporters=json", "-Dweft.json.dir=" + traces);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();

    String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(stderr).doesNotContain("WARN", "ERROR");
    try (Stream<Path> files = Files.list(traces)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".json"))).hasSize(20_000);
    }
  }

  @Test
  void finishedTrace_isWrittenToOneFileNamedAfterIt_withSpansInStartOrder() throws Exception {
    install();
    String traceId;
    try (Trace trace = Tracing.trace("wf").groupId("g-1").start()) {
      traceId = trace.traceId();
      Span first = Tracing.startAgentSpan("first");
      first.releaseScope();
      try (Span second = Tracing.startAgentSpan("second")) {
        second.setMetadata("k", "v");
      }
      first.close();
    }
    JsonNode file = MAPPER.readTree(dir.resolve(traceId + ".json").toFile());
    assertThat(file.at("/trace/id").asText()).isEqualTo(traceId);
    assertThat(file.at("/trace/group_id").asText()).isEqualTo("g-1");
    assertThat(file.at("/trace/ended_at").isTextual()).isTrue();
    assertThat(file.get("spans"))
        .extracting(s -> s.at("/span_data/name").asText())
        .containsExactly("first", "second");
    assertThat(temporaryFiles()).isEmpty();
    assertThat(dir.resolve(JsonFileExporter.WRITING_DIRECTORY)).isEmptyDirectory();
  }

  @Test
  void lateSpans_endingAfterTheirTrace_areMergedIntoTheWrittenFile() throws Exception {
    install();
    String traceId;
    Span late;
    try (Trace trace = Tracing.trace("wf").start()) {
      traceId = trace.traceId();
      Tracing.startAgentSpan("on-time").close();
      late = Tracing.startFunctionSpan("late", "{}");
      late.releaseScope();
    }
    JsonNode before = MAPPER.readTree(dir.resolve(traceId + ".json").toFile());
    assertThat(before.get("spans")).hasSize(1);
    late.close();
    JsonNode after = MAPPER.readTree(dir.resolve(traceId + ".json").toFile());
    assertThat(after.get("spans"))
        .extracting(s -> s.at("/span_data/name").asText())
        .containsExactly("on-time", "late");
    assertThat(after.at("/trace/workflow_name").asText()).isEqualTo("wf");
  }

  @Test
  void create_makesOnlyTheFolder_andTheFirstTraceInstallsTheViewer_listingItOnce()
      throws Exception {
    Path folder = dir.resolve("nested").resolve("traces");
    JsonFileExporter exporter = JsonFileExporter.create(folder);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
    TestTracing.reset();
    Tracing.setProcessors(SimpleTraceProcessor.create(exporter));
    String traceId;
    try (Trace trace = Tracing.trace("wf").start()) {
      traceId = trace.traceId();
      Tracing.startAgentSpan("a").close();
    }
    assertThat(folder.resolve("index.html")).isRegularFile();
    assertThat(folder.resolve(traceId + ".json")).isRegularFile();
    String index = Files.readString(folder.resolve("weft-index").resolve("000000.js"));
    assertThat(index.lines()).singleElement().asString().contains("\"id\":\"" + traceId + "\"");
  }

  @Test
  void lateSpans_mergedIntoTheFile_keepEverySpanAndTraceFieldAsWritten() throws Exception {
    install();
    String traceId;
    Span late;
    try (Trace trace = Tracing.trace("wf").groupId("g-1").metadata("k", "v\u00e9\"").start()) {
      traceId = trace.traceId();
      try (Span onTime = Tracing.startAgentSpan("on-time")) {
        onTime.setMetadata("n", 1.5);
      }
      late = Tracing.startFunctionSpan("late", "{\"x\": [1, {\"y\": null}]}");
      late.releaseScope();
    }
    JsonNode before = MAPPER.readTree(dir.resolve(traceId + ".json").toFile());
    late.close();
    JsonNode after = MAPPER.readTree(dir.resolve(traceId + ".json").toFile());
    assertThat(after.get("trace")).isEqualTo(before.get("trace"));
    assertThat(after.get("spans").get(0)).isEqualTo(before.get("spans").get(0));
    assertThat(after.at("/spans/1/span_data/input").asText())
        .isEqualTo("{\"x\": [1, {\"y\": null}]}");
    assertThat(after.at("/spans/1/ended_at").isTextual()).isTrue();
  }

  @Test
  void openTraces_atShutdown_areWrittenWithTheirFinishedSpans() throws Exception {
    install();
    Trace open = Tracing.trace("still-running").start();
    Tracing.startAgentSpan("done").close();
    Tracing.shutdown();
    JsonNode file = MAPPER.readTree(dir.resolve(open.traceId() + ".json").toFile());
    assertThat(file.at("/trace/ended_at").isNull()).isTrue();
    assertThat(file.get("spans")).hasSize(1);
  }

  @Test
  void pendingLimit_writesTheOldestOpenTraceEarly_andMergesItsLaterSpansAndEnd() throws Exception {
    TestTracing.reset();
    JsonFileExporter exporter = JsonFileExporter.create(dir, 3);
    Tracing.setProcessors(SimpleTraceProcessor.create(exporter));
    Trace longRunning = Tracing.trace("long").start();
    for (int i = 0; i < 3; i++) {
      Tracing.startFunctionSpan("early-" + i, "{}").close();
    }
    Span late = Tracing.startFunctionSpan("late", "{}");
    late.releaseScope();
    TestTracing.clearContext();
    try (Trace other = Tracing.trace("other").start()) {
      Tracing.startAgentSpan("other-span").close();
    }
    JsonNode early = MAPPER.readTree(dir.resolve(longRunning.traceId() + ".json").toFile());
    assertThat(early.get("spans")).hasSize(3);
    assertThat(early.at("/trace/ended_at").isNull()).isTrue();
    late.close();
    longRunning.end();
    JsonNode done = MAPPER.readTree(dir.resolve(longRunning.traceId() + ".json").toFile());
    assertThat(done.get("spans"))
        .extracting(s -> s.at("/span_data/name").asText())
        .containsExactly("early-0", "early-1", "early-2", "late");
    assertThat(done.at("/trace/ended_at").isTextual()).isTrue();
    assertThat(TraceFiles.read(dir.resolve(longRunning.traceId() + ".json")).trace().isEnded())
        .isTrue();
  }

  @Test
  void spansOfTracesWhoseStartNeverArrived_areDropped_withoutBlockingLaterTraces()
      throws Exception {
    TestTracing.reset();
    JsonFileExporter exporter = JsonFileExporter.create(dir, 2);
    RecordingProcessor recorder = TestTracing.reset();
    try (Trace trace = Tracing.trace("source").start()) {
      for (int i = 0; i < 5; i++) {
        Tracing.startFunctionSpan("orphan-" + i, "{}").close();
      }
    }
    // Spans arrive without their trace's start or end record, as when a full queue dropped them.
    exporter.export(List.of(), recorder.spanEnds);
    String healthy;
    Tracing.setProcessors(SimpleTraceProcessor.create(exporter));
    try (Trace trace = Tracing.trace("healthy").start()) {
      healthy = trace.traceId();
      Tracing.startAgentSpan("kept").close();
    }
    JsonNode file = MAPPER.readTree(dir.resolve(healthy + ".json").toFile());
    assertThat(file.get("spans")).hasSize(1);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      exporter.shutdown();
    } finally {
      WeftLog.setOutput(System.err);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("json exporter dropped 4 spans");
  }

  @Test
  void normalJvmExit_writesEveryFinishedTrace_withoutAShutdownCall() throws Exception {
    Process process =
        ForkedTraceWriter.start(
            dir, "exit", "-Dweft.exporters=json", "-Dweft.json.dir=" + dir.resolve("traces"));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exits").isTrue();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    List<String> ids = List.of(stdout.trim().split(","));
    assertThat(ids).hasSize(26);
    for (String id : ids) {
      JsonNode file = MAPPER.readTree(dir.resolve("traces").resolve(id + ".json").toFile());
      assertThat(file.at("/trace/id").asText()).isEqualTo(id);
      if (file.at("/trace/workflow_name").asText().equals("left-open")) {
        assertThat(file.get("spans")).hasSize(1);
        assertThat(file.at("/trace/ended_at").isNull()).isTrue();
      } else {
        assertThat(file.get("spans")).hasSize(4);
      }
    }
  }

  @Test
  void everyFileLeftBehind_parses_evenWhenTheJvmIsKilledMidRun() throws Exception {
    Path traces = dir.resolve("traces");
    Process process =
        ForkedTraceWriter.start(
            dir,
            "loop",
            "-Dweft.exporters=json",
            "-Dweft.json.dir=" + traces,
            "-Dweft.batch.max-batch-size=16");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (jsonFiles(traces).size() < 40 && System.nanoTime() < deadline) {
        assertThat(process.isAlive()).as("child keeps running").isTrue();
        Thread.sleep(20);
      }
    } finally {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    List<Path> files = jsonFiles(traces);
    assertThat(files).hasSizeGreaterThanOrEqualTo(40);
    for (Path file : files) {
      JsonNode root = MAPPER.readTree(file.toFile());
      assertThat(root.at("/trace/id").asText() + ".json").isEqualTo(file.getFileName().toString());
      assertThat(root.get("spans").isArray()).isTrue();
    }
  }

  static List<Path> jsonFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return new ArrayList<>(files.filter(p -> p.toString().endsWith(".json")).toList());
    }
  }

  @Test
  void aFileItWrote_readsBack_andListFindsOnlyJsonFiles() throws Exception {
    RecordingProcessor recorder = TestTracing.reset();
    try (Trace t = Tracing.trace("Support").groupId("g-1").start()) {
      SpanSamples.recordOneOfEachType();
    }
    TraceRecord trace = recorder.traceEnds.get(0);
    List<SpanRecord> spans = List.copyOf(recorder.spanEnds);
    JsonFileExporter exporter = JsonFileExporter.create(dir);
    exporter.export(List.of(trace), spans);
    Files.writeString(dir.resolve("notes.txt"), "x");
    List<Path> files = TraceFiles.list(dir);
    assertThat(files).containsExactly(dir.resolve(trace.traceId() + ".json"));
    assertThat(TraceFiles.read(files.get(0)).spans()).hasSize(spans.size());
    assertThat(TraceFiles.list(files.get(0))).containsExactly(files.get(0));
  }

  @Test
  void thousandsOfTracesOpenAtExit_writeOnlyTheLatestAndSayWhatWasLeftOut() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      JsonFileExporter exporter = JsonFileExporter.create(dir);
      List<TraceRecord> open = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        open.add(
            new TraceRecord(dev.weft.internal.Ids.newTraceId(), "open " + i, null, null, 1 + i, 0));
      }
      exporter.export(open, List.of());

      exporter.shutdown();

      try (Stream<Path> files = Files.list(dir)) {
        List<String> written =
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("trace_")).toList();
        assertThat(written).hasSize(100);
        assertThat(written).contains(open.get(9_999).traceId() + ".json");
      }
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("10000 traces were still open at exit")
          .contains("the other 9900 are left out");
    } finally {
      WeftLog.setOutput(System.err);
    }
  }

  @Test
  void aFolderThatCannotBeWritten_losesItsTraces_sayingOnceWhereAndWhy_andExportNeverThrows()
      throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      Path folder = dir.resolve("traces");
      JsonFileExporter exporter = JsonFileExporter.create(folder);
      // A file where the folder was: every write in it fails with ENOTDIR, for root too.
      Files.delete(folder);
      Files.writeString(folder, "not a folder");

      for (int i = 0; i < 3; i++) {
        exporter.export(List.of(endedTrace("lost " + i)), List.of());
      }
      exporter.shutdown();

      assertThat(log.toString(StandardCharsets.UTF_8).lines())
          .containsExactly(
              "[weft] ERROR json exporter: traces cannot be written to "
                  + folder.toAbsolutePath()
                  + " (not a directory); those it cannot write are not written anywhere, and"
                  + " this is said once");
    } finally {
      WeftLog.setOutput(System.err);
    }
  }

  @Test
  void aTraceFileThatCannotTakeItsPlace_leavesNoTemporaryFile_andLaterTracesAreWritten()
      throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      JsonFileExporter exporter = JsonFileExporter.create(dir);
      TraceRecord blocked = endedTrace("blocked");
      // A folder with something in it cannot be replaced by a file: the rename fails after the
      // temporary file was written.
      Files.createDirectories(dir.resolve(blocked.traceId() + ".json").resolve("inside"));
      TraceRecord next = endedTrace("next");

      exporter.export(List.of(blocked, next), List.of());

      assertThat(temporaryFiles()).isEmpty();
      assertThat(TraceFiles.read(dir.resolve(next.traceId() + ".json")).trace().workflowName())
          .isEqualTo("next");
      assertThat(log.toString(StandardCharsets.UTF_8).lines())
          .singleElement()
          .asString()
          .startsWith("[weft] ERROR json exporter: traces cannot be written to " + dir);
    } finally {
      WeftLog.setOutput(System.err);
    }
  }

  @Test
  void aLargeBatch_isListedByTheViewerThread_andEveryTraceIsInTheIndexAfterFlush()
      throws Exception {
    JsonFileExporter exporter = JsonFileExporter.create(dir);
    List<TraceRecord> traces = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      traces.add(endedTrace("wf-" + i));
    }
    exporter.export(traces.subList(0, 150), List.of());
    exporter.export(traces.subList(150, 300), List.of());
    exporter.flush();

    StringBuilder index = new StringBuilder();
    try (Stream<Path> segments = Files.list(dir.resolve("weft-index"))) {
      for (Path segment : segments.sorted().toList()) {
        index.append(Files.readString(segment, StandardCharsets.UTF_8));
      }
    }
    List<String> lines = index.toString().lines().toList();
    assertThat(lines).hasSize(300);
    for (int i = 0; i < 300; i++) {
      assertThat(lines.get(i)).contains("\"id\":\"" + traces.get(i).traceId() + "\"");
    }
    try (Stream<Path> packs = Files.list(dir.resolve("weft-data"))) {
      assertThat(packs.map(p -> p.getFileName().toString()))
          .hasSize(2)
          .allMatch(name -> name.matches("pack_[0-9a-f]{16}\\.js"));
    }
    exporter.shutdown();
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .doesNotContain("weft-json-viewer");
  }

  private static TraceRecord endedTrace(String name) {
    return new TraceRecord(dev.weft.internal.Ids.newTraceId(), name, null, null, 1, 2);
  }

  /** The temporary files in the trace folder and in the folder trace files are written in. */
  private List<String> temporaryFiles() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path folder : List.of(dir, dir.resolve(JsonFileExporter.WRITING_DIRECTORY))) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".tmp"))
              .forEach(found::add);
        }
      }
    }
    return found;
  }
}
