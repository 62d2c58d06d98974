package dev.weft.agent;

import static dev.weft.agent.TraceFiles.TraceFile.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.hostile.SlowToStringApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A traced tool whose argument's {@code toString()} sleeps ten seconds returns at once under the
 * agent, and its span records a placeholder: in a real JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowToStringIT {
  private static final Pattern TOOK = Pattern.compile("lookup took (\\d+) ms");
  private static final String SLOW_KEY = SlowToStringApp.SlowKey.class.getName();

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    result =
        AgentRun.of(SlowToStringApp.class, Files.createTempDirectory(temp, "slow-tostring"))
            .agentArgs("packages=com.acme.hostile")
            .run();
  }

  @Test
  void eachCall_returnsWellWithinASecond_andTheApplicationEndsNormally() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).as(result.describe()).contains("found a, found b");
    Matcher took = TOOK.matcher(result.stdout());
    int calls = 0;
    while (took.find()) {
      calls++;
      assertThat(Long.parseLong(took.group(1))).as(result.describe()).isLessThan(2_000);
    }
    assertThat(calls).as(result.describe()).isEqualTo(2);
  }

  @Test
  void theSpans_recordAPlaceholder_thenTheClassIsKnownSlow() {
    List<JsonNode> lookups = result.traces().workflow("slow-tostring").spans("function", "lookup");
    assertThat(lookups).as(result.describe()).hasSize(2);
    assertThat(data(lookups.get(0)).path("input").asText())
        .isEqualTo("{\"key\":\"<toString() of " + SLOW_KEY + " took longer than 100 ms>\"}");
    assertThat(data(lookups.get(1)).path("input").asText())
        .isEqualTo(
            "{\"key\":\"<toString() of "
                + SLOW_KEY
                + " not called: took longer than 100 ms before>\"}");
    assertThat(data(lookups.get(0)).path("output").asText()).isEqualTo("found a");
  }
}
