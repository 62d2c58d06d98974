package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.viewer.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The viewer's comparison of two recorded runs of the LangChain4j support-desk sample, in a page
 * written by {@code view}: it aligns them as {@code diff} does.
 */
class ViewerCompareBrowserTest {
  private static final String SHORT_RUN = "trace_2bf44d11a1a3322afe3caf298b4f6669";
  private static final String TOOL_RUN = "trace_e54060dda90521b86bdca526fda4f3ab";

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir Path dir;

  @Test
  void compareOfTwoRecordedRuns_alignsThemAsDiffDoes() throws IOException {
    for (String id : List.of(SHORT_RUN, TOOL_RUN)) {
      try (var in = getClass().getResourceAsStream("recorded-run/" + id + ".json")) {
        Files.copy(in, dir.resolve(id + ".json"));
      }
    }
    Path page = dir.resolve("runs.html");
    CommandOutput output = new CommandOutput();
    assertThat(
            ViewCommand.run(
                new String[] {dir.toString(), "--out", page.toString()}, output.out, output.err))
        .isZero();
    CommandOutput diff = new CommandOutput();
    assertThat(
            DiffCommand.run(
                new String[] {SHORT_RUN, TOOL_RUN, "--dir", dir.toString()}, diff.out, diff.err))
        .isZero();

    chromium.open(page, "compare=" + SHORT_RUN + "&with=" + TOOL_RUN);
    chromium.waitFor(
        () ->
            !chromium
                .driver
                .findElements(By.cssSelector("[data-testid='compare-view'][data-ready='true']"))
                .isEmpty());

    List<String> rows =
        chromium.allByTestId("compare-row").stream()
            .map(
                r ->
                    r.getAttribute("data-change")
                        + " "
                        + r.findElement(By.cssSelector("[data-testid='compare-name']")).getText())
            .toList();
    assertThat(rows)
        .containsExactly(
            "same Assistant",
            "changed gpt-4.1-mini",
            "added orderStatus",
            "added deliveryDays",
            "added gpt-4.1-mini");
    assertThat(diff.out())
        .containsPattern("(?m)^  agent Assistant ")
        .containsPattern("(?m)^~   generation gpt-4\\.1-mini ")
        .containsPattern("(?m)^\\+   function orderStatus ")
        .containsPattern("(?m)^\\+   function deliveryDays ")
        .containsPattern("(?m)^\\+   generation gpt-4\\.1-mini ");
    WebElement generation = chromium.allByTestId("compare-row").get(1);
    assertThat(
            generation.findElement(By.cssSelector("[data-testid='compare-token-delta']")).getText())
        .isEqualTo("−108");
    assertThat(generation.findElement(By.cssSelector("[data-testid='compare-parts']")).getText())
        .isEqualTo("input, output");
    assertThat(chromium.byTestId("compare-tokens").getText()).contains("183 → 228");
    assertThat(chromium.byTestId("compare-counts").getText())
        .contains("1 same · 1 changed · 0 only in A · 3 only in B");
    chromium.screenshot("compare-recorded-runs");
  }
}
