package dev.weft.export.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.Span;
import dev.weft.SystemProperties;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.processor.BatchTraceProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file exporters are found by name when tracing is configured, each behind a batch processor.
 */
class ConfiguredExportersTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
    TestTracing.reset();
  }

  @Test
  void configure_withEachExporterName_installsItsProcessor_andTracesReachIt() throws Exception {
    Path jsonl = dir.resolve("out.jsonl");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    try (SystemProperties props =
        new SystemProperties()
            .set("weft.exporters", "json,jsonl,console")
            .set("weft.json.dir", dir.toString())
            .set("weft.jsonl.file", jsonl.toString())) {
      System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
      Tracing.configure(WeftConfig.load(null));
      assertThat(Tracing.processors())
          .hasSize(3)
          .allSatisfy(p -> assertThat(p).isInstanceOf(BatchTraceProcessor.class));
      String traceId;
      try (Trace trace = Tracing.trace("configured").start();
          Span span = Tracing.startAgentSpan("Agent")) {
        traceId = trace.traceId();
      }
      Tracing.forceFlush();
      JsonNode file = MAPPER.readTree(dir.resolve(traceId + ".json").toFile());
      assertThat(file.at("/trace/workflow_name").asText()).isEqualTo("configured");
      assertThat(file.at("/spans/0/span_data/name").asText()).isEqualTo("Agent");
      assertThat(Files.readAllLines(jsonl)).hasSize(3);
      assertThat(console.toString(StandardCharsets.UTF_8))
          .contains("trace configured", "agent Agent");
    } finally {
      System.setOut(originalOut);
    }
  }

  @Test
  void json_installsTheViewerWithTheBuiltInPrices_andTheConfiguredOnesOnTop() throws Exception {
    try (SystemProperties props =
        new SystemProperties()
            .set("weft.exporters", "json")
            .set("weft.json.dir", dir.toString())
            .set("weft.prices", "house-model=1/0.5/2;gpt-4o=9/9")) {
      Tracing.configure(WeftConfig.load(null));
      try (Trace trace = Tracing.trace("priced").start();
          Span span = Tracing.startAgentSpan("Agent")) {
        assertThat(trace.traceId()).isNotEmpty();
      }
      Tracing.forceFlush();
    }
    assertThat(Files.readString(dir.resolve("weft-prices.js")))
        .contains(
            "\"house-model\":[1.0,0.5,2.0]",
            "\"gpt-4o\":[9.0,9.0,9.0]",
            "\"gpt-4.1-mini\":[0.4,0.1,1.6]");
  }
}
