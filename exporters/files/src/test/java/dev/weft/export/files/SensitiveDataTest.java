package dev.weft.export.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Span;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.config.TestConfigs;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime side of {@code weft.include-sensitive-data=false}: a canary passed through every
 * content-carrying field of the manual API reaches no exporter's output.
 */
class SensitiveDataTest {
  private static final String CANARY = "canary-7f3a9c";

  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
    TestTracing.reset();
  }

  @ParameterizedTest(name = "include-sensitive-data={0}")
  @ValueSource(booleans = {false, true})
  void canary_reachesNoExporter_exactlyWhenSensitiveDataIsOff(boolean include) throws Exception {
    Path jsonl = dir.resolve("traces.jsonl");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    try {
      System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
      // Only these sources, so no environment variable (OPENAI_AGENTS_*) can change the outcome.
      Tracing.configure(
          TestConfigs.fromProperties(
              Map.of(
                  "weft.include-sensitive-data", Boolean.toString(include),
                  "weft.exporters", "json,jsonl,console",
                  "weft.json.dir", dir.toString(),
                  "weft.jsonl.file", jsonl.toString())));
      assertThat(Tracing.includeSensitiveData()).isEqualTo(include);
      String traceId = runWorkflowCarryingTheCanary();
      Tracing.shutdown();

      String json = Files.readString(dir.resolve(traceId + ".json"));
      String lines = Files.readString(jsonl);
      String printed = console.toString(StandardCharsets.UTF_8);
      assertThat(json).contains("\"lookup\"", "\"gpt-4.1\"", "\"notes\"", "IllegalStateException");
      assertThat(lines).contains("\"lookup\"", "IllegalStateException");
      assertThat(printed).contains("function lookup", "function failing ", "  ERROR ");
      if (include) {
        // Each field carries the canary when sensitive data is on, so the test is meaningful.
        assertThat(json.split(CANARY, -1)).hasSize(9);
        assertThat(lines.split(CANARY, -1)).hasSize(9);
        assertThat(printed).contains(CANARY);
      } else {
        assertThat(json).doesNotContain(CANARY);
        assertThat(lines).doesNotContain(CANARY);
        assertThat(printed).doesNotContain(CANARY);
        // Nor anything else written next to the traces, such as the viewer's files.
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                .as(file.toString())
                .doesNotContain(CANARY);
          }
        }
      }
    } finally {
      System.setOut(originalOut);
    }
  }

  private static String runWorkflowCarryingTheCanary() {
    try (Trace trace = Tracing.trace("sensitive").start()) {
      try (Span tool = Tracing.startFunctionSpan("lookup", "{\"q\":\"" + CANARY + "-in\"}")) {
        tool.setData(((FunctionSpanData) tool.data()).withOutput(CANARY + "-out"));
      }
      try (Span generation =
          Tracing.startGenerationSpan(
              "gpt-4.1", List.of(Map.of("role", "user", "content", CANARY + "-prompt")))) {
        generation.setData(
            ((GenerationSpanData) generation.data())
                .withOutput(List.of(Map.of("role", "assistant", "content", CANARY + "-answer"))));
      }
      try (Span custom = Tracing.startSpan(new CustomSpanData("notes", Map.of("text", CANARY)))) {
        custom.setMetadata("user_note", CANARY + "-metadata");
      }
      try (Span failing = Tracing.startFunctionSpan("failing", null)) {
        failing.recordException(new IllegalStateException("failed for " + CANARY));
        failing.setMetadata("attempt", CANARY + "-attempt");
      }
      return trace.traceId();
    }
  }
}
