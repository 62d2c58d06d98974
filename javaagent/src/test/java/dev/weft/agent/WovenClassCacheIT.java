package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.threads.HandOffApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK classes woven at one start are taken from the user's cache folder by the next start of
 * the same agent, which then weaves none of them, and the trace context still reaches every pool,
 * thread and timer; a damaged entry is woven afresh. In real JVMs under the agent, each run with a
 * temporary directory of its own.
 */
class WovenClassCacheIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  @Test
  void theSecondStartTakesTheJdkClassesFromTheCache_andHandedOffWorkStaysInTheTrace()
      throws Exception {
    Path tmpdir = Files.createTempDirectory(temp, "woven-cache");

    AgentRun.Result first = run(tmpdir);
    List<String> woven = wovenJdkClasses(first, false);
    assertThat(woven)
        .as(first.describe())
        .contains("java.util.concurrent.ThreadPoolExecutor", "java.util.Timer");
    assertThat(wovenJdkClasses(first, true)).as(first.describe()).isEmpty();
    assertThat(entries(tmpdir)).as("entries after the first start").isNotEmpty();
    HandOffIT.assertEveryHandedOffToolCallIsAChildOfTheAgent(first);

    AgentRun.Result second = run(tmpdir);
    assertThat(wovenJdkClasses(second, true))
        .as(second.describe())
        .containsExactlyInAnyOrderElementsOf(woven);
    assertThat(wovenJdkClasses(second, false)).as(second.describe()).isEmpty();
    assertThat(second.exitCode()).as(second.describe()).isZero();
    HandOffIT.assertEveryHandedOffToolCallIsAChildOfTheAgent(second);

    for (Path entry : entries(tmpdir)) {
      byte[] content = Files.readAllBytes(entry);
      content[content.length - 1] ^= 1;
      Files.write(entry, content);
    }
    AgentRun.Result damaged = run(tmpdir);
    assertThat(wovenJdkClasses(damaged, false))
        .as(damaged.describe())
        .containsExactlyInAnyOrderElementsOf(woven);
    assertThat(wovenJdkClasses(damaged, true)).as(damaged.describe()).isEmpty();
    assertThat(damaged.exitCode()).as(damaged.describe()).isZero();
    HandOffIT.assertEveryHandedOffToolCallIsAChildOfTheAgent(damaged);
  }

  private static AgentRun.Result run(Path tmpdir) throws Exception {
    return AgentRun.of(HandOffApp.class, Files.createTempDirectory(temp, "woven-cache-run"))
        .agentArgs("packages=com.acme.threads;log.level=debug")
        .jvmArg("-Djava.io.tmpdir=" + tmpdir)
        .run();
  }

  /**
   * The JDK classes a debug log says were woven: by this start when {@code fromCache} is false,
   * else taken from the cache of an earlier one. {@code Thread} is left out: it is woven before the
   * agent reads its log level, so whether its line is written depends on how long that takes.
   */
  private static List<String> wovenJdkClasses(AgentRun.Result result, boolean fromCache) {
    String prefix = "[weft] DEBUG woven java.";
    String cached = " (from the cache)";
    return result
        .stderr()
        .lines()
        .filter(line -> line.startsWith(prefix) && !line.startsWith(prefix + "lang.Thread"))
        .filter(line -> line.endsWith(cached) == fromCache)
        .map(
            line ->
                line.substring(
                    prefix.length() - "java.".length(),
                    line.length() - (fromCache ? cached.length() : 0)))
        .toList();
  }

  private static List<Path> entries(Path tmpdir) throws IOException {
    Path dir = tmpdir.resolve("weft-" + System.getProperty("user.name"));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".class")).toList();
    }
  }
}
