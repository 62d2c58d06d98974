package dev.weft.viewer;

import static dev.weft.viewer.TraceFixtures.HOSTILE_IMG;
import static dev.weft.viewer.TraceFixtures.HOSTILE_SCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The viewer page in a real headless Chromium, opened from disk as users open it. */
class TraceFolderViewerBrowserTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");

  private static Chromium chromium;

  @TempDir Path dir;

  @BeforeAll
  static void startBrowser() throws IOException {
    chromium = Chromium.start();
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  private Path folderWithThreeTraces() throws IOException {
    TraceFolderViewer.install(dir);
    TraceFixtures.support(1, "Support: oldest", T0).export(dir);
    TraceFixtures.support(3, "Support: newest", T0.plusSeconds(7200)).export(dir);
    TraceFixtures small = TraceFixtures.trace(2, "Research", T0.plusSeconds(3600));
    String root = small.span(null, 0, 900, TraceFixtures.agent("Researcher", List.of(), List.of()));
    small.span(root, 5, 880, TraceFixtures.generation("gpt-4o", "Summarise", "Done.", 50, 5));
    small.export(dir);
    return dir.resolve("index.html");
  }

  private List<String> listedWorkflows() {
    return chromium.allByTestId("trace-row").stream()
        .filter(row -> row.getAttribute("data-unreadable") == null)
        .map(row -> row.findElement(By.cssSelector(".wf")).getText())
        .toList();
  }

  @Test
  void list_showsTracesNewestFirstWithCounts() throws IOException {
    chromium.open(folderWithThreeTraces(), null);

    assertThat(listedWorkflows()).containsExactly("Support: newest", "Research", "Support: oldest");
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
    chromium.open(folderWithThreeTraces(), null);
    screenshot(chromium.driver.getScreenshotAs(OutputType.BYTES), "list");

    chromium.byTestId("sort-spans").click();
    assertThat(listedWorkflows()).last().isEqualTo("Research");
    chromium.byTestId("sort-spans").click();
    assertThat(listedWorkflows()).first().isEqualTo("Research");
    chromium.byTestId("sort-workflow").click();
    assertThat(listedWorkflows()).containsExactly("Research", "Support: newest", "Support: oldest");

    chromium.byTestId("trace-filter").sendKeys("support");
    assertThat(listedWorkflows()).containsExactly("Support: newest", "Support: oldest");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 of 3 traces");
  }

  @Test
  void trace_clickedSpanShowsInputOutputAndError() throws IOException {
    chromium.open(folderWithThreeTraces(), null);
    chromium.openTrace(String.format("trace_%032x", 3));

    spanRow("issue_refund", 0).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo("issue_refund");
    assertThat(chromium.byTestId("detail-error").getText()).contains("Payment gateway timeout");
    assertThat(chromium.byTestId("detail-input").getText()).contains("\"order_id\": \"A-1042\"");

    spanRow("lookup_order", 0).click();
    assertThat(chromium.byTestId("detail-output").getText()).contains("\"status\": \"delivered\"");
    assertThat(chromium.allByTestId("detail-error")).isEmpty();

    spanRow("gpt-4o", 0).click();
    assertThat(chromium.byTestId("detail-usage").getText()).contains("812").contains("96");
    assertThat(chromium.byTestId("detail-input").getText()).contains("Where is my refund");

    screenshot(chromium.driver.getScreenshotAs(OutputType.BYTES), "screenshot");
  }

  @Test
  void trace_summaryShowsToolCallsHandoffChainAndCriticalPath() throws IOException {
    chromium.open(folderWithThreeTraces(), "trace=" + String.format("trace_%032x", 3));
    chromium.waitForTrace(String.format("trace_%032x", 3));

    assertThat(chromium.byTestId("summary-duration").getText()).contains("4.20 s");
    assertThat(chromium.byTestId("summary-tokens").getText()).contains("2,152 / 296");
    assertThat(chromium.byTestId("summary-error-count").getText()).isEqualTo("1");
    assertThat(chromium.byTestId("summary-tools").getText())
        .contains("issue_refund ×2 (1 failed)")
        .contains("lookup_order ×1");
    assertThat(chromium.byTestId("handoff-chain").getText())
        .isEqualTo("Triage agent → Refund agent → Billing agent");
    assertThat(chromium.allByTestId("summary-cost")).isEmpty();
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
    chromium.open(folderWithThreeTraces(), null);
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

    spanRow("Refund agent", 0).findElement(By.cssSelector("[data-testid='toggle']")).click();
    assertThat(chromium.allByTestId("span-row")).hasSize(6);
    chromium.byTestId("expand-all").click();
    assertThat(chromium.allByTestId("span-row")).hasSize(13);
  }

  @Test
  void hostileContent_isShownAsLiteralTextAndNeverRuns() throws IOException {
    TraceFolderViewer.install(dir);
    TraceFixtures t = TraceFixtures.trace(9, HOSTILE_SCRIPT, T0);
    String root = t.span(null, 0, 500, TraceFixtures.agent(HOSTILE_IMG, List.of(), List.of()));
    t.span(
        root,
        10,
        400,
        TraceFixtures.function(
            "render",
            "{\"html\":\"" + HOSTILE_IMG.replace("\"", "\\\"") + "\"}",
            HOSTILE_SCRIPT + HOSTILE_IMG),
        TraceFixtures.map(
            "message", HOSTILE_SCRIPT, "data", TraceFixtures.map("html", HOSTILE_IMG)));
    t.export(dir);

    chromium.open(dir.resolve("index.html"), null);
    assertThat(listedWorkflows()).containsExactly(HOSTILE_SCRIPT);
    chromium.openTrace(t.id());
    assertThat(chromium.byTestId("trace-title").getText()).isEqualTo(HOSTILE_SCRIPT);
    spanRow(HOSTILE_IMG, 0).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo(HOSTILE_IMG);
    spanRow("render", 0).click();
    assertThat(chromium.byTestId("detail-output").getText())
        .isEqualTo(HOSTILE_SCRIPT + HOSTILE_IMG);
    assertThat(chromium.byTestId("detail-error").getText()).contains(HOSTILE_SCRIPT);

    assertNothingInjected();
  }

  private void assertNothingInjected() {
    assertThat(chromium.js("return typeof window.pwned")).isEqualTo("undefined");
    assertThat(chromium.js("return document.querySelectorAll('img').length")).isEqualTo(0L);
    assertThat(
            chromium.js(
                "return [...document.scripts]"
                    + ".filter(s => s.textContent.trim() === 'window.pwned=1').length"))
        .isEqualTo(0L);
  }

  @Test
  void page_makesNoRequestOutsideItsFolder() throws IOException {
    Path page = folderWithThreeTraces();
    TraceFolderViewer.setPrices(dir, Map.of("gpt-4o", new double[] {2.5, 10}));
    chromium.open(page, null);
    chromium.openTrace(String.format("trace_%032x", 3));
    spanRow("lookup_order", 0).click();
    chromium.js("window.scrollTo(0, 0)");

    List<String> requested = chromium.networkUrls();
    String folder = dir.toUri().toString();
    assertThat(requested)
        .as("requests seen by DevTools")
        .anySatisfy(u -> assertThat(u).endsWith("index.html"))
        .anySatisfy(u -> assertThat(u).contains("weft-index/000000.js"))
        .anySatisfy(u -> assertThat(u).contains("weft-data/trace_"))
        .allSatisfy(
            u ->
                assertThat(u)
                    .satisfiesAnyOf(
                        x -> assertThat(x).startsWith(folder),
                        x -> assertThat(x).startsWith("data:")));
    @SuppressWarnings("unchecked")
    List<String> resources =
        (List<String>)
            chromium.js("return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(resources).allSatisfy(u -> assertThat(u).startsWith(folder));
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

    chromium.js(
        "const l = document.querySelector(\"[data-testid='span-list']\"); l.scrollTop = l.scrollHeight;");
    chromium.waitFor(
        () ->
            chromium.driver.findElements(By.cssSelector("[data-testid='span-name']")).stream()
                .anyMatch(e -> e.getText().equals("final_tool")));
    assertThat(chromium.allByTestId("span-row").size()).isLessThan(200);
  }

  @Test
  void malformedTraceFile_isListedAsUnreadableAndOthersStillList() throws IOException {
    folderWithThreeTraces();
    byte[] whole =
        TraceFixtures.support(5, "Crashed", T0.plusSeconds(60))
            .json()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] torn = java.util.Arrays.copyOf(whole, whole.length / 2);
    Files.write(dir.resolve(String.format("trace_%032x.json", 5)), torn);
    TraceFolderViewer.onTraceWritten(dir, String.format("trace_%032x", 5), torn);

    chromium.open(dir.resolve("index.html"), null);
    assertThat(listedWorkflows()).containsExactly("Support: newest", "Research", "Support: oldest");
    assertThat(
            chromium.driver.findElements(
                By.cssSelector("[data-testid='trace-row'][data-unreadable='true']")))
        .hasSize(1);
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("4 traces · 1 unreadable");
    chromium.openTrace(String.format("trace_%032x", 2));
    assertThat(chromium.byTestId("trace-title").getText()).isEqualTo("Research");
  }

  @Test
  void tornIndexLine_hidesOnlyItsSegmentUntilTheNextTraceRepairsIt() throws IOException {
    folderWithThreeTraces();
    Files.writeString(
        dir.resolve("weft-index/000000.js"),
        "weft.entry({\"id\":\"trace_",
        java.nio.file.StandardOpenOption.APPEND);

    chromium.open(dir.resolve("index.html"), null);
    assertThat(chromium.byTestId("notice").getText()).contains("weft-index/000000.js");
    assertThat(chromium.allByTestId("trace-row")).isEmpty();

    TraceFixtures.support(4, "After the crash", T0.plusSeconds(10_000)).export(dir);
    chromium.open(dir.resolve("index.html"), null);
    assertThat(chromium.allByTestId("notice")).isEmpty();
    assertThat(listedWorkflows())
        .containsExactly("After the crash", "Support: newest", "Research", "Support: oldest");
  }

  @Test
  void list_showsTracesExportedAfterThePageWasOpened() throws IOException {
    chromium.open(folderWithThreeTraces(), null);
    TraceFixtures.support(4, "Arrived later", T0.plusSeconds(10_000)).export(dir);

    chromium.waitFor(() -> chromium.allByTestId("trace-row").size() == 4);
    assertThat(listedWorkflows()).first().isEqualTo("Arrived later");
  }

  @Test
  void prices_addEstimatedCostToListAndSummary() throws IOException {
    Path page = folderWithThreeTraces();
    TraceFolderViewer.setPrices(
        dir, Map.of("gpt-4o", new double[] {2.5, 10}, "gpt-4o-mini", new double[] {0.15, 0.6}));

    chromium.open(page, null);
    assertThat(chromium.allByTestId("sort-cost")).hasSize(1);
    chromium.openTrace(String.format("trace_%032x", 3));
    assertThat(chromium.byTestId("summary-cost").getText()).contains("$0.0033");
  }

  @Test
  void standalonePage_showsEmbeddedTracesAndKeepsHostileTextInert() throws IOException {
    Path good = dir.resolve("in");
    TraceFixtures.support(1, "Support", T0).writeTo(good);
    TraceFixtures hostile = TraceFixtures.trace(2, HOSTILE_SCRIPT + "<!--", T0.plusSeconds(5));
    String root =
        hostile.span(null, 0, 100, TraceFixtures.agent(HOSTILE_IMG, List.of(), List.of()));
    hostile.span(
        root,
        1,
        90,
        TraceFixtures.function("render", "{}", HOSTILE_SCRIPT + "\u2028" + HOSTILE_IMG));
    hostile.writeTo(good);
    Path broken = Files.writeString(good.resolve("broken.json"), "{\"trace\": {\"id\": \"trace_");
    Path out =
        TraceFolderViewer.writeStandalone(
            List.of(
                good.resolve(String.format("trace_%032x.json", 1)),
                good.resolve(hostile.id() + ".json"),
                broken),
            dir.resolve("out/weft-view.html"));

    assertThat(Files.readString(out))
        .doesNotContain("window.pwned=1</script>")
        .doesNotContain(HOSTILE_IMG);
    chromium.open(out, null);
    assertThat(listedWorkflows()).containsExactly(HOSTILE_SCRIPT + "<!--", "Support");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("3 traces · 1 unreadable");
    chromium.openTrace(hostile.id());
    spanRow("render", 0).click();
    assertThat(chromium.byTestId("detail-output").getText())
        .contains(HOSTILE_SCRIPT)
        .contains(HOSTILE_IMG);
    assertNothingInjected();
    assertThat(chromium.networkUrls())
        .allSatisfy(
            u ->
                assertThat(u)
                    .satisfiesAnyOf(
                        x -> assertThat(x).startsWith(out.toUri().toString()),
                        x -> assertThat(x).startsWith("data:")));
  }

  @Test
  void install_listsTraceFilesWrittenBeforeTheViewerWas() throws IOException {
    TraceFixtures.support(1, "Old run", T0).writeTo(dir);
    Files.writeString(dir.resolve(String.format("trace_%032x.json", 2)), "{\"trace\":");

    TraceFolderViewer.install(dir);
    chromium.open(dir.resolve("index.html"), null);

    assertThat(listedWorkflows()).containsExactly("Old run");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 traces · 1 unreadable");
  }

  private WebElement spanRow(String name, int index) {
    return chromium.allByTestId("span-row").stream()
        .filter(
            r -> r.findElement(By.cssSelector("[data-testid='span-name']")).getText().equals(name))
        .skip(index)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span row named " + name));
  }

  private static void screenshot(byte[] png, String name) throws IOException {
    Path target = Path.of("target", "viewer-" + name + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, png);
  }
}
