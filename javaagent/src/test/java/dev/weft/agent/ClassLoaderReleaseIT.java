package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.hostile.ClassLoaderChurnApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin woven and traced in 200 class loaders of its own, each dropped after one call: under the
 * agent the garbage collector frees the loaders as it does without it, in a real JVM.
 */
class ClassLoaderReleaseIT {
  private static final Pattern REACHABLE = Pattern.compile("reachable loaders (\\d+) of 200");

  /** How many of the 200 loaders may survive a few collections, as the last one may. */
  private static final int AT_MOST_REACHABLE = 5;

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  @Test
  void droppedClassLoaders_areFreedByTheCollector_asWithoutTheAgent() throws Exception {
    Process plain =
        AgentRun.start(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                AgentRun.applicationClassPath(),
                ClassLoaderChurnApp.class.getName()));
    assertThat(plain.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String without = AgentRun.outputOf(plain);
    assertThat(plain.exitValue()).as(without + AgentRun.errorsOf(plain)).isZero();

    AgentRun.Result traced =
        AgentRun.of(ClassLoaderChurnApp.class, Files.createTempDirectory(temp, "loaders"))
            .agentArgs("packages=com.acme.hostile")
            .run();
    assertThat(traced.exitCode()).as(traced.describe()).isZero();

    String report = "without the agent: " + without + "with the agent: " + traced.stdout();
    assertThat(reachable(without)).as(report).isLessThanOrEqualTo(AT_MOST_REACHABLE);
    assertThat(reachable(traced.stdout())).as(report).isLessThanOrEqualTo(AT_MOST_REACHABLE);
    assertThat(traced.traces().names())
        .as("every plugin call was woven and traced")
        .hasSize(200)
        .containsOnly("plugin");
    TraceFiles.TraceFile first = traced.traces().all().get(0);
    assertThat(TraceFiles.TraceFile.data(first.span("function", "place")).path("input").asText())
        .matches("\\{\"order\":\\{\"id\":\"order-\\d+\",\"quantity\":2}}");
    assertThat(TraceFiles.TraceFile.data(first.span("function", "open")).path("input").asText())
        .matches("\\{\"ticket\":\"Ticket order-\\d+\"}");
  }

  private static int reachable(String output) {
    Matcher matcher = REACHABLE.matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    return Integer.parseInt(matcher.group(1));
  }
}
