package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Sessions (traces grouped by group id), in a real headless Chromium. */
class SessionsBrowserTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir Path dir;

  /** Two support traces in conversation conv-1 (the later exported first), one in conv-2. */
  private Path twoSessions() throws IOException {
    TraceFolderViewer.install(dir);
    TraceFixtures.support(2, "Follow-up", T0.plusSeconds(600)).inGroup("conv-1").export(dir);
    TraceFixtures.support(1, "First question", T0).inGroup("conv-1").export(dir);
    TraceFixtures research = TraceFixtures.trace(3, "Research", T0.plusSeconds(60));
    String root = research.span(null, 0, 900, TraceFixtures.agent("R", List.of(), List.of()));
    research.span(root, 5, 880, TraceFixtures.generation("gpt-4o", "Summarise", "Done.", 50, 5));
    research.inGroup("conv-2" + TraceFixtures.HOSTILE_IMG).export(dir);
    TraceFixtures.trace(4, "No session", T0).export(dir);
    return dir.resolve("index.html");
  }

  private static String cell(WebElement row, String testid) {
    return row.findElement(By.cssSelector("[data-testid='" + testid + "']")).getText();
  }

  @Test
  void sessionsTab_listsEachConversationWithItsTotals() throws IOException {
    chromium.open(twoSessions(), null);
    chromium.byTestId("tab-sessions").click();
    chromium.waitFor(() -> chromium.allByTestId("session-row").size() == 2);

    WebElement conv1 = chromium.allByTestId("session-row").get(1);
    assertThat(conv1.getAttribute("data-group-id")).isEqualTo("conv-1");
    assertThat(cell(conv1, "cell-session")).contains("Follow-up").contains("First question");
    assertThat(cell(conv1, "cell-traces")).isEqualTo("2");
    assertThat(cell(conv1, "cell-duration")).isEqualTo("8.40 s");
    assertThat(cell(conv1, "cell-errors")).isEqualTo("2");
    assertThat(cell(conv1, "cell-input_tokens")).isEqualTo("4,304");
    assertThat(cell(conv1, "cell-output_tokens")).isEqualTo("592");
    assertThat(cell(conv1, "cell-cost")).isEqualTo("$0.0066");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 sessions");
    assertThat(chromium.driver.getCurrentUrl()).endsWith("#sessions");

    chromium.byTestId("trace-filter").sendKeys("type:guardrail");
    chromium.waitFor(() -> chromium.allByTestId("session-row").size() == 1);
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("1 of 2 sessions");
    assertThat(chromium.driver.getCurrentUrl()).endsWith("#sessions&q=type%3Aguardrail");
    chromium.assertNothingInjected();
  }

  @Test
  void session_opensAsOneTimelineOfItsTracesInTimeOrder() throws IOException {
    chromium.open(twoSessions(), "sessions");
    chromium.waitFor(() -> chromium.allByTestId("session-row").size() == 2);
    chromium.allByTestId("session-row").stream()
        .filter(r -> "conv-1".equals(r.getAttribute("data-group-id")))
        .findFirst()
        .orElseThrow()
        .click();
    chromium.waitForTrace("conv-1");

    assertThat(chromium.byTestId("trace-title").getText()).isEqualTo("Session conv-1");
    List<String> traces =
        chromium
            .driver
            .findElements(By.cssSelector("[data-testid='span-row'][data-type='trace']"))
            .stream()
            .map(r -> r.findElement(By.cssSelector("[data-testid='span-name']")).getText())
            .toList();
    assertThat(traces).containsExactly("First question", "Follow-up");
    assertThat(chromium.byTestId("summary-spans").getText()).contains("26");
    assertThat(chromium.byTestId("summary-error-count").getText()).isEqualTo("2");
    assertThat(chromium.byTestId("summary-tokens").getText()).contains("4,304 / 592");
    assertThat(chromium.byTestId("summary-duration").getText()).contains("10m 4s");

    chromium.spanRow("Follow-up", 0).click();
    chromium.byTestId("open-trace").click();
    chromium.waitForTrace(String.format("trace_%032x", 2));
    assertThat(chromium.byTestId("trace-title").getText()).isEqualTo("Follow-up");
  }

  @Test
  void sessionWithHostileGroupId_staysText() throws IOException {
    chromium.open(twoSessions(), "sessions");
    chromium.waitFor(() -> chromium.allByTestId("session-row").size() == 2);
    WebElement hostile = chromium.allByTestId("session-row").get(0);
    assertThat(cell(hostile, "cell-session")).startsWith("conv-2" + TraceFixtures.HOSTILE_IMG);

    hostile.click();
    chromium.waitFor(
        () ->
            !chromium
                .driver
                .findElements(By.cssSelector("[data-testid='trace-view'][data-ready='true']"))
                .isEmpty());
    assertThat(chromium.byTestId("trace-title").getText())
        .isEqualTo("Session conv-2" + TraceFixtures.HOSTILE_IMG);
    chromium.assertNothingInjected();
  }
}
