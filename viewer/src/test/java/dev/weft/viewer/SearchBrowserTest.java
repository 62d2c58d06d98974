package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/** The search of the trace list, in a real headless Chromium. */
class SearchBrowserTest {

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir Path dir;

  /** Types a filter and waits until the list has settled (no search of inputs still running). */
  private List<String> search(String filter) {
    WebElement input = chromium.byTestId("trace-filter");
    input.clear();
    input.sendKeys(filter);
    chromium.waitFor(() -> !chromium.byTestId("list-status").getText().contains("searching"));
    return chromium.listedWorkflows();
  }

  @Test
  void filters_byTypeModelNameErrorAndNumbers() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), null);

    assertThat(search("type:guardrail")).containsExactly("Support: newest", "Support: oldest");
    assertThat(search("model:gpt-4o-mini")).containsExactly("Support: newest", "Support: oldest");
    assertThat(search("name:lookup")).containsExactly("Support: newest", "Support: oldest");
    assertThat(search("error:timeout")).hasSize(2);
    assertThat(search("errors = 0")).containsExactly("Research");
    assertThat(search("spans < 5")).containsExactly("Research");
    assertThat(search("duration > 2s and tokens >= 2448")).hasSize(2);
    assertThat(search("cost > 0.003 and errors > 0")).hasSize(2);
    assertThat(search("cost > 0.01")).isEmpty();
    assertThat(chromium.byTestId("empty").getText()).isEqualTo("No trace matches the filter.");
    assertThat(search("(errors > 0 or spans < 5) and -workflow:newest"))
        .containsExactly("Research", "Support: oldest");
    assertThat(search("type:handoff or not model:gpt-4o-mini")).hasSize(3);
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("3 traces");
  }

  @Test
  void standalonePage_filtersByTypeNameAndError_asTheFolderPageDoes() throws IOException {
    TraceFixtures.threeTraces(dir);
    List<Path> files;
    try (var listing = java.nio.file.Files.list(dir)) {
      files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    Path page =
        TraceFolderViewer.writeStandalone(files, dir.resolve("view.html"), ModelPrices.none());
    chromium.open(page, null);

    assertThat(search("type:guardrail")).containsExactly("Support: newest", "Support: oldest");
    assertThat(search("name:lookup")).containsExactly("Support: newest", "Support: oldest");
    assertThat(search("error:timeout")).hasSize(2);
    assertThat(search("type:generation -type:function")).containsExactly("Research");
  }

  @Test
  void freeText_findsWordsInsideInputsAndOutputs() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), null);

    // Only the model calls' messages and the tools' outputs hold these words.
    assertThat(search("R-77")).containsExactly("Support: newest", "Support: oldest");
    assertThat(search("summarise")).containsExactly("Research");
    assertThat(search("text:\"helpful support agent\" spans > 5")).hasSize(2);
    assertThat(search("\"refund R-77 issued\" -workflow:oldest"))
        .containsExactly("Support: newest");
    assertThat(search("no such words anywhere")).isEmpty();
  }

  @Test
  void filter_isKeptInTheAddress_andReadBackOnReload() throws IOException {
    Path page = TraceFixtures.threeTraces(dir);
    chromium.open(page, null);
    search("errors > 0 and model:gpt-4o");

    String url = chromium.driver.getCurrentUrl();
    assertThat(url)
        .endsWith(
            "#q="
                + URLEncoder.encode("errors > 0 and model:gpt-4o", StandardCharsets.UTF_8)
                    .replace("+", "%20"));
    chromium.open(page, url.substring(url.indexOf('#') + 1));
    chromium.waitFor(() -> chromium.allByTestId("trace-row").size() == 2);
    assertThat(chromium.byTestId("trace-filter").getAttribute("value"))
        .isEqualTo("errors > 0 and model:gpt-4o");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 of 3 traces");

    chromium.openTrace(String.format("trace_%032x", 3));
    chromium.driver.navigate().back();
    chromium.waitFor(() -> chromium.allByTestId("trace-row").size() == 2);
  }

  @Test
  void unreadableFilter_saysWhyAndFiltersNothing() throws IOException {
    chromium.open(TraceFixtures.threeTraces(dir), null);

    assertThat(search("cost >")).hasSize(3);
    assertThat(chromium.byTestId("filter-problem").getText())
        .isEqualTo("Filter not applied: cost > needs a number");
    assertThat(search("workflow:support (")).hasSize(3);
    assertThat(chromium.byTestId("filter-problem").getText()).startsWith("Filter not applied");
    assertThat(search("price > 3")).hasSize(3);
    assertThat(chromium.byTestId("filter-problem").getText()).contains("cannot be compared");
    search("workflow:research");
    assertThat(chromium.byTestId("filter-problem").isDisplayed()).isFalse();
  }

  @Test
  void search_ofHostileText_staysText() throws IOException {
    TraceFolderViewer.install(dir);
    TraceFixtures.support(1, TraceFixtures.HOSTILE_SCRIPT, java.time.Instant.now()).export(dir);
    chromium.open(dir.resolve("index.html"), "q=" + TraceFixtures.HOSTILE_IMG);

    chromium.waitFor(() -> !chromium.byTestId("list-status").getText().contains("searching"));
    assertThat(chromium.byTestId("trace-filter").getAttribute("value"))
        .isEqualTo(TraceFixtures.HOSTILE_IMG);
    assertThat(search("workflow:\"</script>\"")).containsExactly(TraceFixtures.HOSTILE_SCRIPT);
    chromium.assertNothingInjected();
  }
}
