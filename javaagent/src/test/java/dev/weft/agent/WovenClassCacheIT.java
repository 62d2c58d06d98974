package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.threads.HandOffApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JDK classes woven at one start are taken from the user's cache folder by the next start of
 * the same agent, which then weaves none of them, and the trace context still reaches every pool,
 * thread and timer; a damaged entry is woven afresh. In real JVMs under the agent, each run with a
 * temporary directory of its own.
 */
class WovenClassCacheIT {
  private static final Pattern COUNTS =
      Pattern.compile("JDK classes loaded so far: (\\d+) from the cache, (\\d+) woven");

  @Test
  void theSecondStartTakesTheJdkClassesFromTheCache_andHandedOffWorkStaysInTheTrace()
      throws Exception {
    Path tmpdir = Files.createTempDirectory("weft-woven-cache");

    AgentRun.Result first = run(tmpdir);
    int[] firstCounts = counts(first);
    assertThat(firstCounts[0]).as(first.describe()).isZero();
    assertThat(firstCounts[1]).as(first.describe()).isPositive();
    List<Path> entries = entries(tmpdir);
    assertThat(entries).as("entries after the first start").isNotEmpty();
    HandOffIT.assertEveryHandedOffToolCallIsAChildOfTheAgent(first);

    AgentRun.Result second = run(tmpdir);
    assertThat(counts(second)).as(second.describe()).containsExactly(firstCounts[1], 0);
    assertThat(second.exitCode()).as(second.describe()).isZero();
    HandOffIT.assertEveryHandedOffToolCallIsAChildOfTheAgent(second);

    for (Path entry : entries(tmpdir)) {
      byte[] content = Files.readAllBytes(entry);
      content[content.length - 1] ^= 1;
      Files.write(entry, content);
    }
    AgentRun.Result damaged = run(tmpdir);
    assertThat(counts(damaged)).as(damaged.describe()).containsExactly(0, firstCounts[1]);
    assertThat(damaged.exitCode()).as(damaged.describe()).isZero();
    HandOffIT.assertEveryHandedOffToolCallIsAChildOfTheAgent(damaged);
  }

  private static AgentRun.Result run(Path tmpdir) throws Exception {
    return AgentRun.of(HandOffApp.class, Files.createTempDirectory("weft-woven-cache-run"))
        .agentArgs("packages=com.acme.threads;log.level=debug")
        .jvmArg("-Djava.io.tmpdir=" + tmpdir)
        .run();
  }

  /** Returns {from the cache, woven} of the start-up line. */
  private static int[] counts(AgentRun.Result result) {
    Matcher matcher = COUNTS.matcher(result.stderr());
    assertThat(matcher.find()).as(result.describe()).isTrue();
    return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
  }

  private static List<Path> entries(Path tmpdir) throws IOException {
    Path dir = tmpdir.resolve("weft-" + System.getProperty("user.name"));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".class")).toList();
    }
  }
}
