package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.hostile.DeepAndStreamingApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack overflow inside a traced recursion leaves the thread where the stack is, and a method
 * that returns a stream keeps its span open until the stream has been read: both in a real JVM
 * under the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnwindingIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    result =
        AgentRun.of(DeepAndStreamingApp.class, Files.createTempDirectory(temp, "unwinding"))
            .agentArgs("packages=com.acme.hostile")
            .run();
  }

  @Test
  void theApplicationRunsAsWithoutTheAgent() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout())
        .as(result.describe())
        .contains("caught the overflow", "after 0", "after 2", "after 4")
        .contains("chunks [chunk-1, chunk-2, chunk-3, chunk-4, chunk-5]");
    assertThat(result.stderr()).doesNotContain("longer than").doesNotContain("ASSERTION FAILED");
  }

  @Test
  void workflowsAfterAnOverflowAreTracesOfTheirOwn() {
    assertThat(result.traces().names())
        .as(result.describe())
        .containsOnlyOnce("overflow")
        .filteredOn(name -> name.equals("afterwards"))
        .hasSize(3);
    for (TraceFiles.TraceFile trace : result.traces().all()) {
      if (!trace.trace().path("workflow_name").asText().equals("overflow")) {
        assertThat(trace.spans("function", "depth")).isEmpty();
      }
    }
    TraceFiles.TraceFile overflow = result.traces().workflow("overflow");
    assertThat(overflow.spans("function", "depth"))
        .isNotEmpty()
        .allSatisfy(span -> assertThat(span.path("ended_at").isNull()).isFalse());
  }

  @Test
  void aStreamingToolLastsUntilItsStreamIsRead() {
    JsonNode chunks = result.traces().workflow("streaming").span("function", "chunks");
    long started = java.time.Instant.parse(chunks.path("started_at").asText()).toEpochMilli();
    long ended = java.time.Instant.parse(chunks.path("ended_at").asText()).toEpochMilli();
    assertThat(ended - started).as(chunks.toString()).isGreaterThanOrEqualTo(250);
  }

  @Test
  void aStreamLeftUnreadEndsWithItsTrace() {
    assertThat(result.stdout()).contains("first chunk-1");
    JsonNode chunks = result.traces().workflow("abandoning").span("function", "chunks");
    assertThat(chunks.path("ended_at").isNull()).as(result.describe()).isFalse();
    assertThat(chunks.path("metadata").path("abandoned").asBoolean()).isTrue();
    assertThat(chunks.path("metadata").path("items").asLong()).isEqualTo(1);
  }

  @Test
  void aPublishingToolLastsUntilItsSubscriberHasEverything() {
    assertThat(result.stdout()).contains("published [tick-1, tick-2, tick-3, tick-4]");
    JsonNode ticker = result.traces().workflow("publishing").span("function", "ticker");
    long started = java.time.Instant.parse(ticker.path("started_at").asText()).toEpochMilli();
    long ended = java.time.Instant.parse(ticker.path("ended_at").asText()).toEpochMilli();
    assertThat(ended - started).as(ticker.toString()).isGreaterThanOrEqualTo(200);
    assertThat(ticker.path("metadata").path("items").asLong()).isEqualTo(4);
  }
}
