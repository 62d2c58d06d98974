package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.late.LateSpanApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application whose span class loads well after the agent starts has the span weaving set up
 * ahead from its second start on, and is traced as at the first; one whose span class loads at once
 * is not. In real JVMs under the agent, each application with a temporary directory of its own
 * (where the agent keeps its cache).
 */
class SpanWarmUpIT {
  private static final String SET_UP_AHEAD = "[weft] DEBUG start-up: span weaving set up ahead in ";

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  @Test
  void aSpanClassLoadedLate_hasTheWeavingSetUpAheadAtTheNextStart_andIsTracedTheSame()
      throws Exception {
    Path tmpdir = Files.createTempDirectory(temp, "warm-up");

    AgentRun.Result first = run(tmpdir, "late");
    assertThat(first.stderr()).as(first.describe()).doesNotContain(SET_UP_AHEAD);
    assertThat(notes(tmpdir)).as("notes after the first start").hasSize(1);
    assertTraced(first);

    AgentRun.Result second = run(tmpdir, "late");
    assertThat(second.stderr()).as(second.describe()).contains(SET_UP_AHEAD);
    assertThat(second.stderr()).as(second.describe()).contains("woven com.acme.late.Concierge");
    assertTraced(second);

    // The application changed: its span class now loads at once. That start still sets the
    // weaving up ahead, and removes the note, so the next does not.
    AgentRun.Result changed = run(tmpdir, "at-once");
    assertTraced(changed);
    assertThat(notes(tmpdir)).as("notes after the span class came at once").isEmpty();
    AgentRun.Result after = run(tmpdir, "at-once");
    assertThat(after.stderr()).as(after.describe()).doesNotContain(SET_UP_AHEAD);
    assertTraced(after);
  }

  @Test
  void aSpanClassLoadedAsSoonAsTheAgentStarts_leavesNoNote_andNothingIsSetUpAhead()
      throws Exception {
    Path tmpdir = Files.createTempDirectory(temp, "warm-up");
    for (int start = 0; start < 2; start++) {
      AgentRun.Result result = run(tmpdir, "at-once");
      assertThat(result.stderr()).as(result.describe()).doesNotContain(SET_UP_AHEAD);
      assertTraced(result);
    }
    assertThat(notes(tmpdir)).isEmpty();
  }

  private static AgentRun.Result run(Path tmpdir, String when) throws Exception {
    return AgentRun.of(LateSpanApp.class, Files.createTempDirectory(temp, "warm-up-run"))
        .agentArgs("packages=com.acme.late;log.level=debug")
        .jvmArg("-Djava.io.tmpdir=" + tmpdir)
        .programArg(when)
        .run();
  }

  private static void assertTraced(AgentRun.Result result) {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("stay in Lisbon: sunny");
    TraceFiles.TraceFile trace = result.traces().workflow("Concierge");
    JsonNode agent = trace.span("agent", "Concierge");
    assertThat(trace.children(agent))
        .extracting(span -> span.path("span_data").path("name").asText())
        .containsExactly("weather");
  }

  private static List<Path> notes(Path tmpdir) throws IOException {
    Path dir = tmpdir.resolve("weft-" + System.getProperty("user.name"));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".note")).toList();
    }
  }
}
