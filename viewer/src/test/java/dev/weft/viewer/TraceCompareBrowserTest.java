package dev.weft.viewer;

import static dev.weft.viewer.TraceFixtures.HOSTILE_IMG;
import static dev.weft.viewer.TraceFixtures.HOSTILE_SCRIPT;
import static dev.weft.viewer.TraceFixtures.agent;
import static dev.weft.viewer.TraceFixtures.function;
import static dev.weft.viewer.TraceFixtures.generation;
import static dev.weft.viewer.TraceFixtures.guardrail;
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

/** Two traces compared side by side in a real headless Chromium, chosen from the list. */
class TraceCompareBrowserTest {
  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir Path dir;

  /**
   * A first run that checked a guardrail and answered in one call, and a second that skipped the
   * guardrail, answered differently with more tokens and issued a refund.
   */
  private Path twoRuns(String workflow, String toolName, String answer) throws IOException {
    TraceFolderViewer.install(dir);
    TraceFolderViewer.setPrices(dir, ModelPrices.parse("gpt-4o=2.5/10"));
    TraceFixtures a = TraceFixtures.trace(1, workflow, T0);
    String rootA = a.span(null, 0, 1000, agent("Planner", List.of(toolName), List.of()));
    a.span(rootA, 10, 20, guardrail("on_topic", false));
    a.span(rootA, 30, 500, generation("gpt-4o", "Where is my order?", "Done.", 50, 5));
    a.span(rootA, 600, 700, function(toolName, "{\"id\":1}", "ok"));
    a.export(dir);
    TraceFixtures b = TraceFixtures.trace(2, workflow, T0.plusSeconds(60));
    String rootB = b.span(null, 0, 1500, agent("Planner", List.of(toolName), List.of()));
    b.span(rootB, 30, 800, generation("gpt-4o", "Where is my order?", answer, 80, 9));
    b.span(rootB, 900, 1000, function(toolName, "{\"id\":1}", "ok"));
    b.span(rootB, 1100, 1200, function("refund", "{\"id\":1}", "refunded"));
    b.export(dir);
    return dir.resolve("index.html");
  }

  private void compareFromList(String a, String b) {
    checkRow(a);
    assertThat(chromium.byTestId("compare-open").isEnabled()).isFalse();
    checkRow(b);
    assertThat(chromium.byTestId("compare-open").getText()).isEqualTo("Compare the 2 chosen");
    chromium.byTestId("compare-open").click();
    chromium.waitFor(
        () ->
            !chromium
                .driver
                .findElements(By.cssSelector("[data-testid='compare-view'][data-ready='true']"))
                .isEmpty());
  }

  private void checkRow(String traceId) {
    chromium
        .driver
        .findElement(
            By.cssSelector(
                "[data-testid='trace-row'][data-trace-id='"
                    + traceId
                    + "'] [data-testid='compare-check']"))
        .click();
  }

  private List<String> rows() {
    return chromium.allByTestId("compare-row").stream()
        .map(
            r ->
                r.getAttribute("data-change")
                    + " "
                    + r.findElement(By.cssSelector("[data-testid='compare-name']")).getText())
        .toList();
  }

  private WebElement row(int index) {
    return chromium.allByTestId("compare-row").get(index);
  }

  private static String text(WebElement row, String testid) {
    return row.findElement(By.cssSelector("[data-testid='" + testid + "']")).getText();
  }

  @Test
  void compare_alignsTheTreesAndShowsWhatWasAddedRemovedAndChanged() throws IOException {
    String first = String.format("trace_%032x", 1);
    String second = String.format("trace_%032x", 2);
    chromium.open(twoRuns("Support", "lookup_order", "Done, differently."), null);

    compareFromList(first, second);

    assertThat(chromium.driver.getCurrentUrl()).endsWith("#compare=" + first + "&with=" + second);
    assertThat(rows())
        .containsExactly(
            "same Planner",
            "removed on_topic",
            "changed gpt-4o",
            "same lookup_order",
            "added refund");
    assertThat(chromium.allByTestId("compare-mark").stream().map(WebElement::getText))
        .containsExactly("", "−", "~", "", "+");
    assertThat(text(row(0), "compare-duration-delta")).isEqualTo("+500 ms");
    assertThat(text(row(2), "compare-token-delta")).isEqualTo("+34");
    assertThat(text(row(2), "compare-cost-delta")).isEqualTo("+$0.0001");
    assertThat(text(row(2), "compare-parts")).isEqualTo("output");
    assertThat(text(row(3), "compare-parts")).isEmpty();
    assertThat(chromium.byTestId("compare-tokens").getText()).contains("55 → 89");
    assertThat(chromium.byTestId("compare-tokens-delta").getText()).isEqualTo("+34");
    assertThat(chromium.byTestId("compare-duration-delta").getText()).isEqualTo("+500 ms");
    assertThat(chromium.byTestId("compare-cost").getText()).contains("$0.0002 → $0.0003");
    assertThat(chromium.byTestId("compare-counts").getText())
        .contains("2 same · 1 changed · 1 only in A · 1 only in B");

    row(2).click();
    assertThat(chromium.byTestId("compare-output-a").getText()).contains("Done.");
    assertThat(chromium.byTestId("compare-output-b").getText()).contains("Done, differently.");
    List<String> markedInB =
        chromium
            .driver
            .findElements(By.cssSelector("[data-testid='compare-output-b'] .line.added"))
            .stream()
            .map(WebElement::getText)
            .toList();
    assertThat(markedInB).singleElement().asString().contains("Done, differently.");
    assertThat(chromium.allByTestId("compare-input")).singleElement();
    assertThat(
            chromium.driver.findElements(
                By.cssSelector("[data-testid='compare-input'] .line.added, .line.removed")))
        .hasSize(1);
    chromium.screenshot("compare");

    chromium.byTestId("compare-swap").click();
    chromium.waitFor(
        () ->
            rows()
                .equals(
                    List.of(
                        "same Planner",
                        "added on_topic",
                        "changed gpt-4o",
                        "same lookup_order",
                        "removed refund")));
  }

  @Test
  void compare_showsHostileContentAsLiteralText() throws IOException {
    chromium.open(twoRuns(HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_SCRIPT + HOSTILE_IMG), null);

    compareFromList(String.format("trace_%032x", 1), String.format("trace_%032x", 2));

    assertThat(rows()).contains("same " + HOSTILE_IMG);
    assertThat(chromium.byTestId("compare-side-a").getText()).contains(HOSTILE_SCRIPT);
    row(2).click();
    assertThat(chromium.byTestId("compare-output-b").getText())
        .contains(HOSTILE_SCRIPT + "<img src=x onerror=");
    chromium.assertNothingInjected();
  }

  @Test
  void compare_ofAMissingTrace_saysSoAndLinksBack() throws IOException {
    Path page = twoRuns("Support", "lookup_order", "Done.");
    chromium.open(page, "compare=" + String.format("trace_%032x", 1) + "&with=trace_nope");

    chromium.waitFor(() -> !chromium.allByTestId("trace-error").isEmpty());
    assertThat(chromium.byTestId("trace-error").getText()).contains("trace_nope");
  }
}
