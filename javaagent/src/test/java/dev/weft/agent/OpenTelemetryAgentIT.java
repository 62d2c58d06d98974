package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.SupportDeskApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the support desk with the OpenTelemetry java agent loaded first on the same JVM: both
 * instrument the JDK's executors, and Weft's spans must come out as without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenTelemetryAgentIT {
  private static final Path OTEL_AGENT = Path.of(System.getProperty("weft.otel.agent.jar"));

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    assertThat(OTEL_AGENT).isRegularFile();
    Path work = Files.createTempDirectory(temp, "otel");
    result =
        AgentRun.of(SupportDeskApp.class, work)
            .withOtherAgent(OTEL_AGENT)
            .jvmArg("-Dotel.traces.exporter=none")
            .jvmArg("-Dotel.metrics.exporter=none")
            .jvmArg("-Dotel.logs.exporter=none")
            .run();
  }

  @Test
  void application_finishes() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("support desk done");
  }

  @Test
  void spans_areTheSameAsWithoutTheOtherAgent() throws Exception {
    SupportDeskExpectations.workflowTrace(result.traces());
    SupportDeskExpectations.agentAndNesting(result.traces());
    SupportDeskExpectations.toolsCaptureArgumentsResultsAndErrors(result.traces());
    SupportDeskExpectations.everySpanType(result.traces());
    SupportDeskExpectations.inheritedAnnotations(result.traces());
    SupportDeskExpectations.asynchronousResults(result.traces());
    SupportDeskExpectations.parallelToolsNestUnderTheirAgent(result.traces(), false);
  }
}
