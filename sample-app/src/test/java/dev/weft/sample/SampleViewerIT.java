package dev.weft.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.viewer.Chromium;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The viewer on the traces of a real run of the sample under the agent, opened as a user does after
 * {@code java -jar weft-agent.jar view <folder>}, in a real headless Chromium: Ada's two requests
 * in one conversation read as one session, and the search kept in the address narrows the list.
 */
class SampleViewerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO =
      Path.of(System.getProperty("weft.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path AGENT = REPO.resolve("javaagent/target/weft-agent.jar");

  @TempDir static Path traces;
  private static List<JsonNode> files;
  private static Path page;
  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @BeforeAll
  static void runTheSampleAndOpenTheViewer() throws Exception {
    String out =
        run(
            "-javaagent:" + AGENT,
            "-Dweft.json.dir=" + traces,
            "-jar",
            REPO.resolve("sample-app/target/weft-sample-app.jar").toString());
    assertThat(out).contains("3 requests in ");
    files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(traces)) {
      for (Path file : listing.filter(f -> f.toString().endsWith(".json")).toList()) {
        files.add(JSON.readTree(file.toFile()));
      }
    }
    files.sort(Comparator.comparing(f -> Instant.parse(f.at("/trace/started_at").asText())));
    assertThat(files)
        .extracting(f -> f.at("/trace/group_id").asText())
        .containsExactly("conv-podcast-001", "conv-podcast-002", "conv-podcast-001");
    List<String> view = run("-jar", AGENT.toString(), "view", traces.toString()).lines().toList();
    page = Path.of(view.get(view.size() - 1));
  }

  @Test
  void sessionsTab_groupsTheTwoRequestsOfAdasConversation() {
    chromium.open(page, "sessions");
    chromium.waitFor(() -> chromium.allByTestId("session-row").size() == 2);
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 sessions");
    WebElement ada = session("conv-podcast-001");
    assertThat(ada.findElement(By.cssSelector("[data-testid='cell-traces']")).getText())
        .isEqualTo("2");
    assertThat(
            session("conv-podcast-002")
                .findElement(By.cssSelector("[data-testid='cell-traces']"))
                .getText())
        .isEqualTo("1");

    ada.click();
    chromium.waitForTrace("conv-podcast-001");
    assertThat(chromium.byTestId("trace-title").getText()).isEqualTo("Session conv-podcast-001");
    chromium.byTestId("collapse-all").click();
    List<WebElement> traceRows =
        chromium.driver.findElements(By.cssSelector("[data-testid='span-row'][data-type='trace']"));
    assertThat(traceRows).hasSize(2);

    // In the order they started: the second row is the request for the second episode.
    traceRows.get(1).click();
    chromium.byTestId("open-trace").click();
    String second = files.get(2).at("/trace/id").asText();
    chromium.waitForTrace(second);
    assertThat(chromium.byTestId("trace-title").getText()).isEqualTo("Podcast workflow");
  }

  @Test
  void searchInTheAddress_narrowsTheList_byTypeAndNumbers() {
    chromium.open(page, "q=" + encode("type:function"));
    chromium.waitFor(() -> chromium.allByTestId("trace-row").size() == 2);
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 of 3 traces");
    assertThat(rowIds()).containsExactlyInAnyOrder(id(0), id(2));

    // The request the input guardrail stopped: its profile load, the orchestrator, the guardrail.
    assertThat(search("spans < 5 and errors > 0")).containsExactly(id(1));
    assertThat(chromium.driver.getCurrentUrl())
        .endsWith("#q=" + encode("spans < 5 and errors > 0"));
    assertThat(search("type:handoff and group:conv-podcast-001"))
        .containsExactlyInAnyOrder(id(0), id(2));
    assertThat(search("name:topic_is_allowed error:tripped")).containsExactly(id(1));
    assertThat(search("duration > 1h")).isEmpty();
  }

  /** Types a filter, waits until the list has settled, and returns the listed trace ids. */
  private static List<String> search(String filter) {
    WebElement input = chromium.byTestId("trace-filter");
    input.clear();
    input.sendKeys(filter);
    chromium.waitFor(() -> !chromium.byTestId("list-status").getText().contains("searching"));
    return rowIds();
  }

  private static List<String> rowIds() {
    return chromium.allByTestId("trace-row").stream()
        .map(row -> row.getAttribute("data-trace-id"))
        .toList();
  }

  private static WebElement session(String groupId) {
    return chromium.allByTestId("session-row").stream()
        .filter(row -> groupId.equals(row.getAttribute("data-group-id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session " + groupId));
  }

  /** The id of the {@code index}-th trace of the run, in start order. */
  private static String id(int index) {
    return files.get(index).at("/trace/id").asText();
  }

  private static String encode(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Runs {@code java <arguments>} from the repository and returns what it printed. */
  private static String run(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
    // The scripted model keeps the run the same whatever the developer's environment holds.
    builder.environment().remove("OPENAI_API_KEY");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish:\n" + out);
    }
    assertThat(process.exitValue()).as(command + "\n" + out).isZero();
    return out;
  }
}
