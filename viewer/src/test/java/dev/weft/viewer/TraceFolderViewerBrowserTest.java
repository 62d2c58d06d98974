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
import org.openqa.selenium.support.ui.Select;

/** The viewer page in a real headless Chromium, opened from disk as users open it. */
class TraceFolderViewerBrowserTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir Path dir;

  @Test
  void list_showsTracesNewestFirstWithCounts() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), null);

    assertThat(chromium.listedWorkflows())
        .containsExactly("Support: newest", "Research", "Support: oldest");
    WebElement newest = chromium.allByTestId("trace-row").get(0);
    assertThat(newest.findElement(By.cssSelector("[data-testid='cell-spans']")).getText())
        .isEqualTo("13");
    assertThat(newest.findElement(By.cssSelector("[data-testid='cell-errors']")).getText())
        .isEqualTo("1");
    assertThat(newest.findElement(By.cssSelector("[data-testid='cell-input_tokens']")).getText())
        .isEqualTo("2,152");
    assertThat(newest.findElement(By.cssSelector("[data-testid='cell-output_tokens']")).getText())
        .isEqualTo("296");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("3 traces");
  }

  @Test
  void list_sortsByClickedColumnAndFiltersByText() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), null);
    chromium.screenshot("list");

    chromium.byTestId("sort-spans").click();
    assertThat(chromium.listedWorkflows()).last().isEqualTo("Research");
    chromium.byTestId("sort-spans").click();
    assertThat(chromium.listedWorkflows()).first().isEqualTo("Research");
    chromium.byTestId("sort-workflow").click();
    assertThat(chromium.listedWorkflows())
        .containsExactly("Research", "Support: newest", "Support: oldest");

    chromium.byTestId("trace-filter").sendKeys("workflow:support");
    assertThat(chromium.listedWorkflows()).containsExactly("Support: newest", "Support: oldest");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 of 3 traces");
  }

  @Test
  void trace_clickedSpanShowsInputOutputAndError() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), null);
    chromium.openTrace(String.format("trace_%032x", 3));

    chromium.spanRow("gpt-4o", 0).click();
    assertThat(chromium.byTestId("detail-usage").getText()).contains("812").contains("96");
    assertThat(chromium.byTestId("detail-input").getText()).contains("Where is my refund");

    chromium.spanRow("lookup_order", 0).click();
    assertThat(chromium.byTestId("detail-output").getText()).contains("\"status\": \"delivered\"");
    assertThat(chromium.allByTestId("detail-error")).isEmpty();

    chromium.spanRow("issue_refund", 0).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo("issue_refund");
    assertThat(chromium.byTestId("detail-error").getText()).contains("Payment gateway timeout");
    assertThat(chromium.byTestId("detail-input").getText()).contains("\"order_id\": \"A-1042\"");

    chromium.screenshot("screenshot");
  }

  @Test
  void trace_summaryShowsToolCallsHandoffChainAndCriticalPath() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), "trace=" + String.format("trace_%032x", 3));
    chromium.waitForTrace(String.format("trace_%032x", 3));

    assertThat(chromium.byTestId("summary-duration").getText()).contains("4.20 s");
    assertThat(chromium.byTestId("summary-tokens").getText()).contains("2,152 / 296");
    assertThat(chromium.byTestId("summary-error-count").getText()).isEqualTo("1");
    assertThat(chromium.byTestId("summary-tools").getText())
        .contains("issue_refund ×2 (1 failed)")
        .contains("lookup_order ×1");
    assertThat(chromium.byTestId("handoff-chain").getText())
        .isEqualTo("Triage agent → Refund agent → Billing agent");
    assertThat(chromium.byTestId("summary-cost").getText()).contains("$0.0033");
    List<String> critical =
        chromium
            .driver
            .findElements(By.cssSelector("[data-testid='span-row'][data-critical='true']"))
            .stream()
            .map(r -> r.findElement(By.cssSelector("[data-testid='span-name']")).getText())
            .toList();
    assertThat(critical).containsExactly("Refund agent", "turn 1 · Refund agent", "gpt-4o-mini");

    chromium.byTestId("error-link").click();
    assertThat(chromium.byTestId("detail-error").getText()).contains("Payment gateway timeout");
  }

  @Test
  void trace_typeFilterSearchAndCollapseHideOtherRows() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), null);
    chromium.openTrace(String.format("trace_%032x", 1));
    assertThat(chromium.allByTestId("span-row")).hasSize(13);

    new Select(chromium.byTestId("type-filter")).selectByValue("function");
    assertThat(chromium.allByTestId("span-row"))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.getAttribute("data-type")).isEqualTo("function"));

    chromium.byTestId("span-search").sendKeys("lookup");
    assertThat(chromium.allByTestId("span-row")).hasSize(1);

    new Select(chromium.byTestId("type-filter")).selectByValue("");
    chromium.byTestId("span-search").clear();
    chromium.js("document.getElementById('span-search').dispatchEvent(new Event('input'))");
    assertThat(chromium.allByTestId("span-row")).hasSize(13);

    chromium
        .spanRow("Refund agent", 0)
        .findElement(By.cssSelector("[data-testid='toggle']"))
        .click();
    assertThat(chromium.allByTestId("span-row")).hasSize(6);
    chromium.byTestId("expand-all").click();
    assertThat(chromium.allByTestId("span-row")).hasSize(13);
  }

  @Test
  void filePicker_opensATraceFileFromAnywhere() throws IOException {
    TraceFolderViewer.install(dir);
    Path elsewhere = dir.resolve("elsewhere");
    TraceFixtures.support(7, "Picked by hand", T0).writeTo(elsewhere);
    chromium.open(dir.resolve("index.html"), null);
    assertThat(chromium.byTestId("empty").getText()).startsWith("No traces yet");

    chromium
        .byTestId("file-input")
        .sendKeys(elsewhere.resolve(String.format("trace_%032x.json", 7)).toString());

    chromium.waitForTrace(String.format("trace_%032x", 7));
    assertThat(chromium.byTestId("trace-title").getText()).isEqualTo("Picked by hand");
    assertThat(chromium.allByTestId("span-row")).hasSize(13);
  }

  @Test
  void tenThousandSpans_renderWithinTwoSecondsAndScrollToTheLast() throws IOException {
    TraceFolderViewer.install(dir);
    TraceFixtures big = TraceFixtures.trace(10, "Big batch", T0);
    String root =
        big.span(null, 0, 600_000, TraceFixtures.agent("Planner", List.of("step"), List.of()));
    int spans = 1;
    long at = 1;
    for (int turn = 1; spans < 10_000; turn++) {
      String turnId =
          big.span(
              root,
              at,
              at + 1000,
              TraceFixtures.map(
                  "type",
                  "custom",
                  "name",
                  "turn",
                  "data",
                  TraceFixtures.map(
                      "sdk_span_type", "turn", "turn", turn, "agent_name", "Planner")));
      big.span(
          turnId,
          at + 1,
          at + 300,
          TraceFixtures.generation("gpt-4o-mini", "step " + turn, "ok", 100, 10));
      spans += 2;
      for (int tool = 0; tool < 16 && spans < 10_000; tool++, spans++) {
        String name = spans == 9_999 ? "final_tool" : "step";
        big.span(
            turnId,
            at + 300 + tool * 40,
            at + 330 + tool * 40,
            TraceFixtures.function(name, "{\"i\":" + spans + "}", "done " + spans));
      }
      at += 1001;
    }
    big.export(dir);

    chromium.open(dir.resolve("index.html"), "trace=" + big.id());
    chromium.waitForTrace(big.id());

    double readyAt = ((Number) chromium.js("return window.weftPerf.readyAt")).doubleValue();
    System.out.printf("10,000 spans drawn %.0f ms after navigation start%n", readyAt);
    assertThat(readyAt).as("ms from navigation start until the trace was drawn").isLessThan(2000);
    assertThat(chromium.byTestId("summary-spans").getText()).contains("10,000");
    assertThat(chromium.byTestId("span-status").getText()).isEqualTo("10,000 spans");
    assertThat(chromium.allByTestId("span-row").size()).isBetween(10, 200);
    chromium.screenshot("10k");

    chromium.js(
        "const l = document.querySelector(\"[data-testid='span-list']\"); l.scrollTop = l.scrollHeight;");
    chromium.waitFor(
        () ->
            chromium.driver.findElements(By.cssSelector("[data-testid='span-name']")).stream()
                .anyMatch(e -> e.getText().equals("final_tool")));
    assertThat(chromium.allByTestId("span-row").size()).isLessThan(200);
  }

  @Test
  void list_showsTracesExportedAfterThePageWasOpened() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), null);
    TraceFixtures.support(4, "Arrived later", T0.plusSeconds(10_000)).export(dir);

    chromium.waitFor(() -> chromium.allByTestId("trace-row").size() == 4);
    assertThat(chromium.listedWorkflows()).first().isEqualTo("Arrived later");
  }

  @Test
  void builtInPrices_showCostInTheListTheSummaryAndTheSpanDetails_andUnknownModelsAsUnpriced()
      throws IOException {
    Path page = TraceFixtures.threeTraces(dir);
    TraceFixtures priced = TraceFixtures.trace(4, "Priced and not", T0.plusSeconds(10_800));
    String agent = priced.span(null, 0, 900, TraceFixtures.agent("Writer", List.of(), List.of()));
    // 6,000 input tokens at $0.40, 4,000 cached at $0.10 and 1,000 output at $1.60 per million.
    priced.span(
        agent,
        5,
        400,
        TraceFixtures.map(
            "type", "generation",
            "model", "gpt-4.1-mini-2025-04-14",
            "usage",
                TraceFixtures.map(
                    "input_tokens", 10_000, "output_tokens", 1_000, "cached_tokens", 4_000)));
    priced.span(
        agent,
        400,
        880,
        TraceFixtures.generation(TraceFixtures.HOSTILE_IMG, "Summarise", "Done.", 10, 5));
    priced.export(dir);

    chromium.open(page, null);
    chromium.waitFor(() -> chromium.allByTestId("trace-row").size() == 4);
    List<WebElement> rows = chromium.allByTestId("trace-row");
    assertThat(rows.get(0).findElement(By.cssSelector("[data-testid='cell-cost']")).getText())
        .isEqualTo("$0.0044 +");
    assertThat(
            rows.get(0)
                .findElement(By.cssSelector("[data-testid='cell-cost']"))
                .getAttribute("title"))
        .startsWith("$0.0044 + unpriced " + TraceFixtures.HOSTILE_IMG)
        .contains("list prices as of " + ModelPrices.builtIn().asOf());
    assertThat(rows.get(1).findElement(By.cssSelector("[data-testid='cell-cost']")).getText())
        .isEqualTo("$0.0033");
    chromium.screenshot("list-cost");

    chromium.openTrace(priced.id());
    assertThat(chromium.byTestId("summary-cost-value").getText())
        .isEqualTo("$0.0044 + unpriced " + TraceFixtures.HOSTILE_IMG);
    chromium.spanRow("gpt-4.1-mini-2025-04-14", 0).click();
    assertThat(chromium.byTestId("detail-cost").getText()).isEqualTo("$0.0044");
    chromium.spanRow(TraceFixtures.HOSTILE_IMG, 0).click();
    assertThat(chromium.byTestId("detail-cost").getText())
        .isEqualTo("unpriced " + TraceFixtures.HOSTILE_IMG);
    chromium.spanRow("Writer", 0).click();
    assertThat(chromium.byTestId("detail-cost").getText())
        .isEqualTo("$0.0044 + unpriced " + TraceFixtures.HOSTILE_IMG);
    chromium.screenshot("span-cost");
    chromium.assertNothingInjected();
  }

  @Test
  void noPrices_hideTheCostColumn() throws IOException {
    Path page = TraceFixtures.threeTraces(dir);
    TraceFolderViewer.setPrices(dir, ModelPrices.none());

    chromium.open(page, null);
    assertThat(chromium.allByTestId("sort-cost")).isEmpty();
    chromium.openTrace(String.format("trace_%032x", 3));
    assertThat(chromium.allByTestId("summary-cost")).isEmpty();
  }
}
