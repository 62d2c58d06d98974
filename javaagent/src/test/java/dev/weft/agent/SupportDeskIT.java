package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.Canary;
import com.acme.agents.SupportDeskApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the support desk application under the agent on the build's JDK, with a user processor that
 * throws on every call, and checks every span it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportDeskIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    Path work = Files.createTempDirectory(temp, "support-desk");
    result = AgentRun.of(SupportDeskApp.class, work).programArg("--throwing-processor").run();
  }

  @Test
  void application_seesItsOwnResultsAndExceptions_andFinishes() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("support desk done");
  }

  @Test
  void workflow_startsATraceWithGroupIdAndMetadata_andALoneToolGetsAnImplicitTrace() {
    SupportDeskExpectations.workflowTrace(result.traces());
  }

  @Test
  void agentSpan_hasDefaultToolsOutputTypeAndNestedTurnsToolsAndGuardrails() {
    SupportDeskExpectations.agentAndNesting(result.traces());
  }

  @Test
  void toolSpans_captureArgumentsResultsAndErrors_andRedactSensitiveValues() throws Exception {
    SupportDeskExpectations.toolsCaptureArgumentsResultsAndErrors(result.traces());
  }

  @Test
  void everySpanType_isRecordedWithItsData() {
    SupportDeskExpectations.everySpanType(result.traces());
  }

  @Test
  void annotationsOnInterfacesAndSuperclasses_applyToImplementations() throws Exception {
    SupportDeskExpectations.inheritedAnnotations(result.traces());
  }

  @Test
  void asynchronousResults_endTheirSpanWhenTheyComplete() {
    SupportDeskExpectations.asynchronousResults(result.traces());
  }

  @Test
  void toolsRunOnExecutorsAndCompletableFutures_nestUnderTheAgentThatStartedThem() {
    SupportDeskExpectations.parallelToolsNestUnderTheirAgent(result.traces(), false);
  }

  @Test
  void sensitiveParameters_neverReachAFile_andCapturedValuesNeverReachTheLog() throws Exception {
    try (Stream<Path> files = Files.walk(result.traces().dir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
            .as(file.toString())
            .doesNotContain("4111 1111 1111 1111")
            .doesNotContain("hunter2")
            .doesNotContain("tok-" + Canary.VALUE);
      }
    }
    assertThat(result.stderr()).doesNotContain(Canary.VALUE);
  }

  @Test
  void throwingProcessor_isLoggedAndDoesNotStopExport() {
    assertThat(result.stderr()).contains("[weft]");
    assertThat(result.traces().all()).hasSizeGreaterThanOrEqualTo(2);
  }
}
