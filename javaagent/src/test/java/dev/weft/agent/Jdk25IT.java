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

/** Runs the support desk on JDK 25, where its agent also runs tools on virtual threads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Jdk25IT {
  private static final Path JDK_25 = Path.of(System.getProperty("weft.jdk25.home"));

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    assertThat(JDK_25.resolve("bin/java")).as("a JDK 25 at weft.jdk25.home").isExecutable();
    Path work = Files.createTempDirectory(temp, "jdk25");
    result = AgentRun.of(SupportDeskApp.class, work).javaHome(JDK_25).run();
  }

  @Test
  void application_finishes() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
  }

  @Test
  void toolsOnVirtualThreadsExecutorsAndFutures_nestUnderTheirAgent() {
    SupportDeskExpectations.parallelToolsNestUnderTheirAgent(result.traces(), true);
  }

  @Test
  void spans_areTheSameAsOnTheBuildJdk() throws Exception {
    SupportDeskExpectations.workflowTrace(result.traces());
    SupportDeskExpectations.agentAndNesting(result.traces());
    SupportDeskExpectations.toolsCaptureArgumentsResultsAndErrors(result.traces());
    SupportDeskExpectations.everySpanType(result.traces());
    SupportDeskExpectations.inheritedAnnotations(result.traces());
    SupportDeskExpectations.asynchronousResults(result.traces());
  }
}
