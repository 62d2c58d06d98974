package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.threads.HandOffApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work an agent hands to other threads without an executor service stays in its trace, under the
 * agent's span; and a future's span has ended before its caller sees the result. In a real JVM
 * under the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandOffIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    result =
        AgentRun.of(HandOffApp.class, Files.createTempDirectory(temp, "hand-off"))
            .agentArgs("packages=com.acme.threads")
            .run();
  }

  @Test
  void theApplicationRunsAsWithoutTheAgent() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout())
        .as(result.describe())
        .contains("handed off 8 pooled forked-3+forked-2+forked-1+forked-0 thread timer scheduled");
    assertThat(result.stderr()).as(result.describe()).doesNotContain("weft: ");
  }

  @Test
  void everyHandedOffToolCallIsAChildOfTheAgent() {
    assertEveryHandedOffToolCallIsAChildOfTheAgent(result);
  }

  @Test
  void withTheRuntimeOnTheBootClassPathByHand_handedOffWorkStaysInTheTrace() throws Exception {
    AgentRun.Result onBootClassPath =
        AgentRun.of(HandOffApp.class, Files.createTempDirectory(temp, "hand-off-boot"))
            .agentArgs("packages=com.acme.threads")
            .jvmArg("-Xbootclasspath/a:" + System.getProperty("weft.bootstrap.jar"))
            .run();

    assertThat(onBootClassPath.exitCode()).as(onBootClassPath.describe()).isZero();
    assertEveryHandedOffToolCallIsAChildOfTheAgent(onBootClassPath);
  }

  static void assertEveryHandedOffToolCallIsAChildOfTheAgent(AgentRun.Result result) {
    TraceFiles.TraceFile trace = result.traces().workflow("hand-off");
    JsonNode agent = trace.span("agent", "dispatcher");
    List<JsonNode> work = trace.spans("function", "work");
    assertThat(work)
        .as(result.describe())
        .extracting(span -> span.path("span_data").path("input").asText())
        .hasSize(16)
        .anyMatch(input -> input.contains("parallel-7"))
        .anyMatch(input -> input.contains("forked-3"))
        .anyMatch(input -> input.contains("thread"))
        .anyMatch(input -> input.contains("timer"))
        .anyMatch(input -> input.contains("scheduled"))
        .anyMatch(input -> input.contains("pooled"));
    assertThat(work)
        .allSatisfy(
            span ->
                assertThat(span.path("parent_id").asText()).isEqualTo(agent.path("id").asText()));
    assertThat(result.traces().names()).as(result.describe()).containsOnlyOnce("hand-off");
  }

  @Test
  void aPoolThreadStartedOutsideATraceInheritsNothing() {
    assertThat(result.traces().names())
        .as(result.describe())
        .contains("untraced")
        .doesNotHaveDuplicates();
  }

  @Test
  void aFuturesSpanHasEndedWhenItsCallerSeesTheResult() {
    String line =
        result.stdout().lines().filter(l -> l.startsWith("future ")).findFirst().orElseThrow();
    Instant seen = Instant.parse(line.substring(line.indexOf(" seen at ") + 9));
    JsonNode span = result.traces().workflow("future").span("function", "slowly");
    Instant ended = Instant.parse(span.path("ended_at").asText());
    assertThat(ended).as(result.describe()).isBeforeOrEqualTo(seen);
  }

  @Test
  void aReactiveResultIsSubscribedToAndObservedInsideItsSpan() {
    assertThat(result.stdout()).contains("reactive subscriber-upstream");
    TraceFiles.TraceFile trace = result.traces().workflow("reactive");
    JsonNode agent = trace.span("agent", "answerer");
    assertThat(trace.spans("function", "work"))
        .as(result.describe())
        .hasSize(2)
        .allSatisfy(
            span ->
                assertThat(span.path("parent_id").asText()).isEqualTo(agent.path("id").asText()));
  }
}
