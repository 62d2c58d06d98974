package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

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
