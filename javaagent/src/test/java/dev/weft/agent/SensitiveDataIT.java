package dev.weft.agent;

import static dev.weft.agent.TraceFiles.TraceFile.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.Canary;
import com.acme.agents.SupportDeskApp;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.agent.TraceFiles.TraceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the support desk with {@code include-sensitive-data=false}: the spans keep their structure
 * but no captured content reaches any file or the agent's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SensitiveDataIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    Path work = Files.createTempDirectory(temp, "sensitive");
    result =
        AgentRun.of(SupportDeskApp.class, work).agentArgs("include-sensitive-data=false").run();
  }

  @Test
  void canary_appearsInNoFileAndNoLogLine() throws Exception {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(result.traces().dir())) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(f -> f.getFileName().toString().startsWith("trace_"));
    for (Path file : files) {
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as(file.toString())
          .doesNotContain(Canary.VALUE);
    }
    assertThat(result.stderr()).doesNotContain(Canary.VALUE);
  }

  @Test
  void spans_keepTheirStructureWithoutContent() {
    TraceFile desk = result.traces().workflow("Support desk");
    assertThat(desk.trace().path("group_id").asText()).isEqualTo("conv-42");
    // Trace metadata is kept, as the group id is: it describes the run, not its content.
    assertThat(desk.trace().path("metadata").path("user").asText()).isEqualTo("user-7");
    JsonNode lookup = desk.span("function", "lookup_order");
    assertThat(data(lookup).path("input").isNull()).isTrue();
    assertThat(data(lookup).path("output").isNull()).isTrue();
    assertThat(lookup.has("metadata")).isFalse();
    JsonNode failing = desk.span("function", "failing_tool");
    assertThat(failing.path("error").path("message").asText()).isEqualTo("IllegalStateException");
    assertThat(failing.path("error").path("data").path("type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    for (JsonNode generation : desk.spans("generation", null)) {
      assertThat(data(generation).path("input").isNull()).isTrue();
      assertThat(data(generation).path("output").isNull()).isTrue();
    }
    assertThat(desk.span("custom", "summarise").path("span_data").path("data").size()).isZero();
    assertThat(data(desk.span("guardrail", "pii_check")).path("triggered").asBoolean()).isTrue();
    assertThat(desk.children(desk.span("agent", "PoolAgent"))).hasSize(5);
  }
}
