package dev.weft.agent;

import static dev.weft.agent.TraceFiles.TraceFile.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.libraries.LibraryPackagesApp;
import dev.weft.agent.TraceFiles.TraceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages the agent turns away by name are those of the application's own copies of the
 * libraries, also for the libraries the agent jar carries relocated (Byte Buddy, Jackson): shading
 * the jar must not rewrite the names it compares against.
 */
class LibraryPackagesIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  @Test
  void annotatedClassesInLibraryPackages_areLeftAsTheyAre_andTheApplicationsOwnAreTraced()
      throws Exception {
    AgentRun.Result result =
        AgentRun.of(LibraryPackagesApp.class, Files.createTempDirectory(temp, "libraries")).run();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("libraries done: found tides, parsed tides, made tides");
    TraceFile trace = result.traces().workflow("Librarian");
    assertThat(trace.children(trace.span("agent", "Librarian")))
        .extracting(s -> data(s).path("type").asText() + ":" + data(s).path("name").asText())
        .containsExactly("function:lookup");
  }
}
