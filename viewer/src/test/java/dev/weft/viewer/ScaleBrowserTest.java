package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A folder of 5,000 traces (65,000 spans) in a real headless Chromium: the list opens within two
 * seconds of navigation, by the page's own clock, and its search stays usable.
 */
class ScaleBrowserTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");
  private static final int TRACES = 5_000;
  private static final int NEEDLE = 4_321;

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir static Path dir;

  @BeforeAll
  static void writeFolder() throws IOException {
    TraceFolderViewer.install(dir);
    Map<String, byte[]> batch = new LinkedHashMap<>();
    for (int i = 1; i <= TRACES; i++) {
      TraceFixtures t =
          TraceFixtures.support(i, "Support " + i, T0.plusSeconds(i * 30L))
              .inGroup("conv-" + (i - 1) / 5);
      if (i == NEEDLE) {
        t.span(null, 4201, 4300, TraceFixtures.generation("gpt-4o", "xyzzy-needle", "ok", 1, 1));
      }
      batch.put(t.id(), t.writeTo(dir));
      // As the json exporter does: one index append per batch of written traces.
      if (batch.size() == 128 || i == TRACES) {
        TraceFolderViewer.onTracesWritten(dir, batch);
        batch.clear();
      }
    }
  }

  private static double listReadyAt() {
    chromium.waitFor(() -> (Boolean) chromium.js("return !!window.weftListPerf"));
    return ((Number) chromium.js("return window.weftListPerf.readyAt")).doubleValue();
  }

  @Test
  void list_ofFiveThousandTraces_opensWithinTwoSeconds() {
    // The first opening warms the disk cache and the browser; the second is the one measured.
    chromium.open(dir.resolve("index.html"), null);
    listReadyAt();
    chromium.open(dir.resolve("index.html"), null);

    double readyAt = listReadyAt();
    System.out.printf("5,000 traces listed %.0f ms after navigation start%n", readyAt);
    assertThat(readyAt).as("ms from navigation start until the list was drawn").isLessThan(2000);
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("5,000 traces");
    assertThat(chromium.allByTestId("trace-row").size()).isBetween(10, 100);
    assertThat(chromium.listedWorkflows().get(0)).isEqualTo("Support 5000");
  }

  @Test
  void search_ofFiveThousandTraces_byIndexAtOnce_andInsideInputsToTheEnd() {
    chromium.open(dir.resolve("index.html"), "q=spans%20%3E%2013%20and%20errors%20%3E%200");
    chromium.waitFor(() -> chromium.allByTestId("trace-row").size() == 1);
    assertThat(chromium.listedWorkflows()).containsExactly("Support " + NEEDLE);
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("1 of 5,000 traces");

    long started = System.nanoTime();
    chromium.byTestId("trace-filter").clear();
    chromium.byTestId("trace-filter").sendKeys("xyzzy-needle");
    new WebDriverWait(chromium.driver, Duration.ofMinutes(3))
        .until(d -> !chromium.byTestId("list-status").getText().contains("searching"));
    System.out.printf(
        "inputs and outputs of 5,000 traces searched in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(chromium.listedWorkflows()).containsExactly("Support " + NEEDLE);

    chromium.byTestId("tab-sessions").click();
    chromium.waitFor(() -> chromium.allByTestId("session-row").size() == 1);
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("1 of 1,000 sessions");
  }
}
