package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.SupportDeskApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the support desk application under the agent on the build's JDK, with a user processor that
 * throws on every call, and checks every span it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportDeskIT {
  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    Path work = Files.createTempDirectory("weft-support-desk");
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
  void throwingProcessor_isLoggedAndDoesNotStopExport() {
    assertThat(result.stderr()).contains("[weft]");
    assertThat(result.traces().all()).hasSizeGreaterThanOrEqualTo(2);
  }
}
