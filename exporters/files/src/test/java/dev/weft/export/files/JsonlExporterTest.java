package dev.weft.export.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.Span;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.export.Exporters;
import dev.weft.internal.WeftLog;
import dev.weft.processor.BatchTraceProcessor;
import dev.weft.processor.SimpleTraceProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlExporterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
    TestTracing.reset();
  }

  @Test
  void writesOneLinePerTraceStartSpanEndAndTraceEnd_asTheyHappen() throws Exception {
    TestTracing.reset();
    Path file = dir.resolve("sub/traces.jsonl");
    JsonlExporter exporter = JsonlExporter.create(file);
    Tracing.setProcessors(SimpleTraceProcessor.create(exporter));
    try (Trace trace = Tracing.trace("wf").start();
        Span agent = Tracing.startAgentSpan("agent")) {
      assertThat(Files.readAllLines(file)).hasSize(1);
      Tracing.startFunctionSpan("tool", "{}").close();
      assertThat(Files.readAllLines(file)).hasSize(2);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(MAPPER.readTree(line));
    }
    assertThat(lines)
        .extracting(n -> n.get("object").asText())
        .containsExactly("trace", "trace.span", "trace.span", "trace");
    assertThat(lines.get(0).get("ended_at").isNull()).isTrue();
    assertThat(lines.get(1).at("/span_data/name").asText()).isEqualTo("tool");
    assertThat(lines.get(2).at("/span_data/name").asText()).isEqualTo("agent");
    assertThat(lines.get(3).get("ended_at").isTextual()).isTrue();
    assertThat(exporter.file()).isEqualTo(file);
  }

  @Test
  void behindTheBatchProcessor_aLineReachesTheFileWithinTwoSeconds_withoutFlushOrExit()
      throws Exception {
    TestTracing.reset();
    Path file = dir.resolve("traces.jsonl");
    BatchTraceProcessor processor =
        Exporters.batch(JsonlExporter.create(file), WeftConfig.load("exporters=none"));
    Tracing.setProcessors(processor);
    try {
      long start = System.nanoTime();
      try (Trace trace = Tracing.trace("wf").start()) {
        Tracing.startFunctionSpan("tool", "{}").close();
      }
      while (Files.size(file) == 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
        Thread.sleep(10);
      }
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(waitedMillis).isLessThan(2_000);
      assertThat(Files.readAllLines(file))
          .extracting(line -> MAPPER.readTree(line).get("object").asText())
          .containsExactlyInAnyOrder("trace", "trace.span", "trace");
    } finally {
      processor.shutdown();
    }
  }

  @Test
  void aBurstOfTwentyThousandTraces_beforeANormalExit_isWrittenWhole_withTheDefaultQueue()
      throws Exception {
    Path file = dir.resolve("traces.jsonl");
    Process process =
        ForkedTraceWriter.startBurst(
            dir, 20_000, "-Dweft.exporters=jsonl", "-Dweft.jsonl.file=" + file);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(stderr).doesNotContain("WARN", "ERROR");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    String[] lines = text.split("\n");
    assertThat(lines).hasSize(20_000 * 12);
    for (String line : lines) {
      assertThat(line).startsWith("{\"object\":\"trace");
      assertThat(MAPPER.readTree(line).get("object").asText()).startsWith("trace");
    }
  }

  @Test
  void aKill_losesAtMostTheLineBeingWritten_andTheNextRunRemovesItsIncompleteEnd()
      throws Exception {
    Path file = dir.resolve("traces.jsonl");
    Process process =
        ForkedTraceWriter.start(dir, "loop", "-Dweft.exporters=jsonl", "-Dweft.jsonl.file=" + file);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((!Files.exists(file) || Files.size(file) < 2_000_000)
          && System.nanoTime() < deadline) {
        assertThat(process.isAlive()).as("child keeps running").isTrue();
        Thread.sleep(20);
      }
    } finally {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    String killed = Files.readString(file, StandardCharsets.UTF_8);
    // A kill in the middle of a write can leave the start of one line after the last line break.
    String whole = killed.substring(0, killed.lastIndexOf('\n') + 1);
    String[] lines = whole.split("\n");
    assertThat(lines.length).isGreaterThan(100);
    int spans = 0;
    for (String line : lines) {
      JsonNode node = MAPPER.readTree(line);
      if (node.get("object").asText().equals("trace.span")) {
        spans++;
      }
    }
    assertThat(spans).isPositive();

    Process next =
        ForkedTraceWriter.start(dir, "exit", "-Dweft.exporters=jsonl", "-Dweft.jsonl.file=" + file);
    assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertThat(next.exitValue()).as(stderr).isZero();
    String after = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(after).startsWith(whole).endsWith("\n");
    for (String line : after.split("\n")) {
      assertThat(MAPPER.readTree(line).get("object").asText()).startsWith("trace");
    }
    if (whole.length() < killed.length()) {
      assertThat(stderr).contains("ended with an incomplete line");
    }
  }

  @Test
  void anIncompleteLastLineLeftByAKilledProcess_isRemovedWhenTheFileIsOpened_andSaidOnce()
      throws Exception {
    Path file = dir.resolve("traces.jsonl");
    String whole =
        "{\"object\":\"trace\",\"id\":\"trace_1\"}\n{\"object\":\"trace.span\",\"id\":\"span_1\"}\n";
    String cut = "{\"object\":\"trace.span\",\"id\":\"span_2\",\"started_at\":\"2026-";
    Files.writeString(file, whole + cut, StandardCharsets.UTF_8);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      JsonlExporter exporter = JsonlExporter.create(file);
      exporter.export(List.of(record("after")), List.of());
      exporter.shutdown();
    } finally {
      WeftLog.setOutput(System.err);
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).startsWith(whole).endsWith("\n");
    assertThat(text.split("\n")).hasSize(3);
    assertThat(MAPPER.readTree(text.split("\n")[2]).get("workflow_name").asText())
        .isEqualTo("after");
    assertThat(log.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "[weft] WARN jsonl exporter: "
                + file.toAbsolutePath()
                + " ended with an incomplete line, left by a process stopped while writing it;"
                + " removed its "
                + cut.length()
                + " bytes");
  }

  @Test
  void aFileThatEndsWithoutALineBreak_butNotWithOneOfOurLines_isKept_andOurLinesStartOnANewLine()
      throws Exception {
    Path file = dir.resolve("traces.jsonl");
    Files.writeString(file, "notes kept by hand", StandardCharsets.UTF_8);
    JsonlExporter exporter = JsonlExporter.create(file);
    exporter.export(List.of(record("after")), List.of());
    exporter.shutdown();
    String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).isEqualTo("notes kept by hand");
    assertThat(MAPPER.readTree(lines[1]).get("workflow_name").asText()).isEqualTo("after");
  }

  @Test
  void aWriteCutShortByAFileSizeLimit_isCutBackToTheLastWholeLine_andSaidOnce() throws Exception {
    Path file = dir.resolve("traces.jsonl");
    int limitKb = 64;
    Process process =
        ForkedTraceWriter.startWithFileSizeLimit(
            limitKb, dir, "exit", "-Dweft.exporters=jsonl", "-Dweft.jsonl.file=" + file);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(stderr.lines().filter(line -> line.contains("ERROR") || line.contains("WARN")))
        .containsExactly(
            "[weft] ERROR jsonl exporter: traces cannot be written to "
                + file
                + " (file too large); those it cannot write are not written anywhere, and this is"
                + " said once");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).isNotEmpty().endsWith("\n");
    assertThat(text.length()).isLessThan(limitKb * 1024);
    for (String line : text.split("\n")) {
      assertThat(MAPPER.readTree(line).get("object").asText()).startsWith("trace");
    }
  }

  @Test
  void aFullDevice_neitherThrowsNorFloodsTheLog() throws Exception {
    Path full = Path.of("/dev/full");
    assertThat(full).as("Linux's always-full device").exists();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      JsonlExporter exporter = JsonlExporter.create(full);
      for (int i = 0; i < 3; i++) {
        exporter.export(
            List.of(new TraceRecord(dev.weft.internal.Ids.newTraceId(), "wf", null, null, 1, 2)),
            List.of());
      }
      exporter.shutdown();

      assertThat(log.toString(StandardCharsets.UTF_8).lines())
          .containsExactly(
              "[weft] ERROR jsonl exporter: traces cannot be written to /dev/full (no space left"
                  + " on device); those it cannot write are not written anywhere, and this is said"
                  + " once");
    } finally {
      WeftLog.setOutput(System.err);
    }
  }

  @Test
  void largeBatches_areWrittenByTheWriterThread_inOrder_andAllInTheFileAfterFlush()
      throws Exception {
    Path file = dir.resolve("traces.jsonl");
    JsonlExporter exporter = JsonlExporter.create(file);
    int batches = 20;
    int perBatch = 500;
    for (int b = 0; b < batches; b++) {
      List<TraceRecord> traces = new ArrayList<>();
      for (int i = 0; i < perBatch; i++) {
        traces.add(record("wf-" + (b * perBatch + i)));
      }
      exporter.export(traces, List.of());
    }
    exporter.flush();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(batches * perBatch);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(MAPPER.readTree(lines.get(i)).get("workflow_name").asText()).isEqualTo("wf-" + i);
    }
    exporter.export(
        List.of(record("a"), record("b"), record("c"), record("d"), record("e")), List.of());
    exporter.shutdown();
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(batches * perBatch + 5);
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .doesNotContain("weft-jsonl-writer")
        .as("the writer thread ends with the exporter");
  }

  @Test
  void largeBatches_endTheFileOnABlockBoundary_withTheLastLinePadded_andEveryLineParses()
      throws Exception {
    Path file = dir.resolve("traces.jsonl");
    JsonlExporter exporter = JsonlExporter.create(file);
    long block = Files.getFileStore(file).getBlockSize();
    exporter.export(batch("large-", 0, 300), List.of());
    exporter.flush();
    assertThat(Files.size(file) % block).as("written straight to the disk, whole blocks").isZero();
    // A batch of a few records is written as it is, unpadded; the next large one pads the file
    // back onto a block boundary.
    exporter.export(List.of(record("small")), List.of());
    assertThat(Files.size(file) % block).isNotZero();
    exporter.export(batch("large-", 300, 300), List.of());
    exporter.shutdown();
    assertThat(Files.size(file) % block).isZero();

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(601);
    List<String> names = new ArrayList<>();
    for (String line : lines) {
      names.add(MAPPER.readTree(line).get("workflow_name").asText());
    }
    assertThat(names.get(300)).isEqualTo("small");
    names.remove(300);
    for (int i = 0; i < names.size(); i++) {
      assertThat(names.get(i)).isEqualTo("large-" + i);
    }
    assertThat(lines)
        .filteredOn(line -> line.endsWith(" "))
        .as("only the last line of each large batch is padded")
        .hasSizeBetween(1, 2)
        .allSatisfy(line -> assertThat(line.stripTrailing()).endsWith("}"));
  }

  @Test
  void anotherProcessAppending_movesTheEndOffABlockBoundary_andTheNextBatchStillFollowsItWhole()
      throws Exception {
    Path file = dir.resolve("traces.jsonl");
    JsonlExporter exporter = JsonlExporter.create(file);
    exporter.export(batch("ours-", 0, 100), List.of());
    exporter.flush();
    String theirs = "{\"object\":\"trace\",\"id\":\"trace_theirs\",\"workflow_name\":\"theirs\"}\n";
    Files.writeString(file, theirs, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    exporter.export(batch("ours-", 100, 100), List.of());
    exporter.shutdown();

    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      names.add(MAPPER.readTree(line).get("workflow_name").asText());
    }
    assertThat(names).hasSize(201);
    assertThat(names.get(100)).isEqualTo("theirs");
    assertThat(names.subList(101, 201)).first().isEqualTo("ours-100");
    assertThat(names.subList(101, 201)).last().isEqualTo("ours-199");
  }

  private static List<TraceRecord> batch(String prefix, int from, int count) {
    List<TraceRecord> traces = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      traces.add(record(prefix + i));
    }
    return traces;
  }

  private static TraceRecord record(String workflowName) {
    return new TraceRecord(dev.weft.internal.Ids.newTraceId(), workflowName, null, null, 1, 2);
  }
}
