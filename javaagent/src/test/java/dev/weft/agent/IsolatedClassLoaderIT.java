package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.isolated.IsolatedPluginApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code woven into a class whose loader sees neither the application's class path nor Weft (its
 * parent is the platform loader) still reaches the agent's runtime: every loader answers Weft's
 * packages from the agent's class loader.
 */
class IsolatedClassLoaderIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  @Test
  void aPluginInALoaderThatSeesOnlyTheJdk_isTraced() throws Exception {
    AgentRun.Result result =
        AgentRun.of(IsolatedPluginApp.class, Files.createTempDirectory(temp, "isolated")).run();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("north costs 35");
    assertThat(result.stderr()).doesNotContain("ERROR", "WARN");
    TraceFiles.TraceFile trace = result.traces().workflow("tariff");
    assertThat(TraceFiles.TraceFile.data(trace.span("function", "rate")).path("output").asText())
        .isEqualTo("35");
  }
}
