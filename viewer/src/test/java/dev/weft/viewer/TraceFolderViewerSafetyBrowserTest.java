package dev.weft.viewer;

import static dev.weft.viewer.TraceFixtures.HOSTILE_IMG;
import static dev.weft.viewer.TraceFixtures.HOSTILE_SCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * What the viewer page must never do, checked in a real headless Chromium: run captured text, reach
 * the network, or break on damaged files.
 */
class TraceFolderViewerSafetyBrowserTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir Path dir;

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
    assertThat(chromium.listedWorkflows()).containsExactly(HOSTILE_SCRIPT);
    chromium.openTrace(t.id());
    assertThat(chromium.byTestId("trace-title").getText()).isEqualTo(HOSTILE_SCRIPT);
    chromium.spanRow(HOSTILE_IMG, 0).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo(HOSTILE_IMG);
    chromium.spanRow("render", 0).click();
    assertThat(chromium.byTestId("detail-output").getText())
        .isEqualTo(HOSTILE_SCRIPT + HOSTILE_IMG);
    assertThat(chromium.byTestId("detail-error").getText()).contains(HOSTILE_SCRIPT);

    chromium.assertNothingInjected();
  }

  @Test
  void page_makesNoRequestOutsideItsFolder() throws IOException {
    Path page = TraceFixtures.threeTraces(dir);
    TraceFolderViewer.setPrices(dir, ModelPrices.parse("gpt-4o=2.5/10"));
    chromium.open(page, null);
    chromium.openTrace(String.format("trace_%032x", 3));
    chromium.spanRow("lookup_order", 0).click();
    chromium.js("window.scrollTo(0, 0)");

    List<String> requested = chromium.networkUrls();
    String folder = dir.toUri().toString();
    assertThat(requested)
        .as("requests seen by DevTools")
        .anySatisfy(u -> assertThat(u).endsWith("index.html"))
        .anySatisfy(u -> assertThat(u).contains("weft-index/000000.js"))
        .anySatisfy(u -> assertThat(u).contains("weft-data/pack_"))
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
    assertThat(chromium.js("return window.weftCspViolations")).asList().isEmpty();
    assertThat(
            chromium
                .driver
                .manage()
                .logs()
                .get(org.openqa.selenium.logging.LogType.BROWSER)
                .getAll())
        .as("browser console errors other than probing for the next index segment")
        .noneMatch(
            e ->
                e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && !e.getMessage().contains("net::ERR_FILE_NOT_FOUND"));
  }

  @Test
  void malformedTraceFile_isListedAsUnreadableAndOthersStillList() throws IOException {
    TraceFixtures.threeTraces(dir);
    byte[] whole =
        TraceFixtures.support(5, "Crashed", T0.plusSeconds(60))
            .json()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] torn = java.util.Arrays.copyOf(whole, whole.length / 2);
    Files.write(dir.resolve(String.format("trace_%032x.json", 5)), torn);
    TraceFolderViewer.onTraceWritten(dir, String.format("trace_%032x", 5), torn);

    chromium.open(dir.resolve("index.html"), null);
    assertThat(chromium.listedWorkflows())
        .containsExactly("Support: newest", "Research", "Support: oldest");
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
    TraceFixtures.threeTraces(dir);
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
    assertThat(chromium.listedWorkflows())
        .containsExactly("After the crash", "Support: newest", "Research", "Support: oldest");
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
    assertThat(chromium.listedWorkflows()).containsExactly(HOSTILE_SCRIPT + "<!--", "Support");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("3 traces · 1 unreadable");
    chromium.openTrace(hostile.id());
    chromium.spanRow("render", 0).click();
    assertThat(chromium.byTestId("detail-output").getText())
        .contains(HOSTILE_SCRIPT)
        .contains(HOSTILE_IMG);
    chromium.assertNothingInjected();
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

    assertThat(chromium.listedWorkflows()).containsExactly("Old run");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 traces · 1 unreadable");
  }

  @Test
  void partialTrace_withOpenSpansOrphansCyclesAndNulls_stillRendersEverySpan() throws IOException {
    TraceFolderViewer.install(dir);
    String id = String.format("trace_%032x", 11);
    String json =
        """
        {"trace": {"object": "trace", "id": "%s", "workflow_name": "Crashed run",
                   "group_id": null, "metadata": null,
                   "started_at": "2026-11-21T19:36:01.000000Z", "ended_at": null},
         "spans": [
          {"id": "span_a", "parent_id": null, "started_at": "2026-11-21T19:36:01.000000Z",
           "ended_at": null, "span_data": {"type": "agent", "name": "Still running"}, "error": null},
          {"id": "span_b", "parent_id": "span_gone", "started_at": "2026-11-21T19:36:01.500000Z",
           "ended_at": "2026-11-21T19:36:02.000000Z", "span_data": null, "error": "boom"},
          {"id": "span_c", "parent_id": "span_d", "started_at": null, "ended_at": null,
           "span_data": {"type": "function", "name": "loop_c", "input": null, "output": null}},
          {"id": "span_d", "parent_id": "span_c", "started_at": "bad time", "ended_at": null,
           "span_data": {"type": "mystery", "name": "loop_d"}, "error": {"message": null}},
          {"id": "span_a", "parent_id": "span_a", "span_data": {"type": "generation",
           "model": null, "usage": {"input_tokens": null}, "input": "not a list", "output": null}},
          42, null
         ]}
        """
            .formatted(id);
    TraceFolderViewer.onTraceWritten(
        dir, id, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    chromium.open(dir.resolve("index.html"), "trace=" + id);
    chromium.waitForTrace(id);

    assertThat(chromium.allByTestId("span-row")).hasSize(5);
    assertThat(chromium.byTestId("summary-error-count").getText()).isEqualTo("2");
    chromium.spanRow("Still running", 0).click();
    assertThat(chromium.byTestId("detail-timing").getText()).contains("never ended");
    for (String name : List.of("(no data)", "loop_c", "loop_d", "generation")) {
      chromium.spanRow(name, 0).click();
      assertThat(chromium.byTestId("detail-name").getText()).isEqualTo(name);
    }
  }
}
