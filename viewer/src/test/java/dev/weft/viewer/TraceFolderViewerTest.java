package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFolderViewerTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");

  @TempDir Path dir;

  @Test
  void install_writesThePageOnceAndReplacesAChangedOne() throws IOException {
    TraceFolderViewer.install(dir);
    Path page = dir.resolve("index.html");
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(page, old);

    TraceFolderViewer.install(dir);
    assertThat(Files.getLastModifiedTime(page)).isEqualTo(old);

    Files.writeString(page, "stale");
    TraceFolderViewer.install(dir);
    assertThat(Files.readString(page)).isEqualTo(ViewerPage.folderPage());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("index.html", "weft-prices.js");
    }
  }

  @Test
  void install_whenTheFolderHoldsThisBuildsPageAndPrices_leavesBothUntouched() throws IOException {
    TraceFolderViewer.install(dir);
    Untouched page = Untouched.mark(dir.resolve("index.html"));
    Untouched prices = Untouched.mark(dir.resolve("weft-prices.js"));

    TraceFolderViewer.install(dir, ModelPrices.builtIn());

    page.check();
    prices.check();
  }

  @Test
  void install_whenThePageNamesAnotherBuild_rewritesIt() throws IOException {
    String other = "0".repeat(64);
    Files.writeString(dir.resolve("index.html"), ViewerPage.folderPage(other));
    Untouched before = Untouched.mark(dir.resolve("index.html"));

    TraceFolderViewer.install(dir);

    assertThat(before.isUntouched()).isFalse();
    assertThat(Files.readString(dir.resolve("index.html")))
        .isEqualTo(ViewerPage.folderPage())
        .contains(ViewerPage.buildTag(build()));
  }

  @Test
  void install_whenThePageWasWrittenByAVersionThatNamedNoBuild_rewritesIt() throws IOException {
    Files.writeString(dir.resolve("index.html"), ViewerPage.folderPage(null));

    TraceFolderViewer.install(dir);

    assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo(ViewerPage.folderPage());
  }

  @Test
  void install_whenTheIndexIsAStandalonePage_replacesItByTheFolderPage() throws IOException {
    TraceFixtures t = TraceFixtures.support(1, "kept", T0);
    t.writeTo(dir);
    TraceFolderViewer.writeStandalone(
        List.of(dir.resolve(t.id() + ".json")), dir.resolve("index.html"));

    TraceFolderViewer.install(dir);

    assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo(ViewerPage.folderPage());
  }

  @Test
  void install_whenThePricesChanged_rewritesTheirScript() throws IOException {
    TraceFolderViewer.install(dir);
    Path script = dir.resolve("weft-prices.js");
    Untouched builtIn = Untouched.mark(script);

    TraceFolderViewer.install(
        dir, ModelPrices.builtIn().overriddenBy(ModelPrices.parse("gpt-4.1-mini=1/2")));

    assertThat(builtIn.isUntouched()).isFalse();
    assertThat(Files.readString(script)).contains("\"gpt-4.1-mini\":[1.0,1.0,2.0]");

    TraceFolderViewer.install(dir);
    assertThat(Files.readString(script)).contains("\"gpt-4.1-mini\":[0.4,0.1,1.6]");
  }

  @Test
  void install_whenThePricesScriptNamesNoFingerprint_rewritesIt() throws IOException {
    TraceFolderViewer.install(dir);
    Path script = dir.resolve("weft-prices.js");
    String current = Files.readString(script);
    String withoutClosing = current.substring(0, current.indexOf("// weft-prices "));
    Files.writeString(script, withoutClosing);

    TraceFolderViewer.install(dir);

    assertThat(Files.readString(script)).isEqualTo(current);
  }

  @Test
  void onTraceWritten_writesTheDataScriptAndOneIndexLine() throws IOException {
    TraceFixtures t = TraceFixtures.support(1, TraceFixtures.HOSTILE_SCRIPT, T0);
    byte[] file = t.writeTo(dir);

    TraceFolderViewer.onTraceWritten(dir, t.id(), file);

    List<String> index = Files.readAllLines(dir.resolve("weft-index/000000.js"));
    assertThat(index)
        .singleElement()
        .asString()
        .startsWith(
            "weft.entry({\"id\":\""
                + t.id()
                + "\",\"file\":\""
                + t.id()
                + ".json\",\"data\":\"pack_")
        .contains("\"errors\":1");
    String data = Files.readString(dir.resolve("weft-data").resolve(dataScript(index.get(0))));
    assertThat(data)
        .startsWith("weft.trace({\"trace\":")
        .endsWith("},\"" + t.id() + "\");\n")
        .doesNotContain("</script");
  }

  @Test
  void onTraceWritten_whenFileIsTruncated_listsItAsUnreadable() throws IOException {
    byte[] whole = TraceFixtures.support(1, "w", T0).json().getBytes(StandardCharsets.UTF_8);

    TraceFolderViewer.onTraceWritten(dir, "trace_1", Arrays.copyOf(whole, 100));

    assertThat(dir.resolve("weft-data/trace_1.js")).doesNotExist();
    assertThat(Files.readString(dir.resolve("weft-index/000000.js")))
        .startsWith("weft.entry({\"id\":\"trace_1\",\"file\":\"trace_1.json\",\"unreadable\":");
  }

  @Test
  void onTraceWritten_rejectsIdsThatAreNotPlainFileNames() {
    String[] ids = {
      "../evil", "a/b", "", "trace_1.json", "trace 1", "trace_\u00e9", "t".repeat(201), null
    };
    for (String id : ids) {
      assertThatThrownBy(() -> TraceFolderViewer.onTraceWritten(dir, id, new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void onTraceWritten_acceptsIdsOfLettersDigitsUnderscoresAndHyphensUpTo200Characters()
      throws IOException {
    String id = "Trace_0-9" + "a".repeat(191);
    byte[] json = TraceFixtures.support(1, "w", T0).json().getBytes(StandardCharsets.UTF_8);

    TraceFolderViewer.onTraceWritten(dir, id, json);

    assertThat(Files.readString(dir.resolve("weft-index/000000.js")))
        .startsWith("weft.entry({\"id\":\"" + id + "\"");
  }

  @Test
  void isTraceFileName_acceptsATraceIdFollowedByJsonOnly() {
    assertThat(TraceFolderViewer.isTraceFileName("trace_0af-9Z.json")).isTrue();
    assertThat(TraceFolderViewer.isTraceFileName("t".repeat(200) + ".json")).isTrue();
    for (String name :
        new String[] {
          ".json", "trace_1.json.tmp", "trace 1.json", "../trace_1.json", "t".repeat(201) + ".json"
        }) {
      assertThat(TraceFolderViewer.isTraceFileName(name)).as(name).isFalse();
    }
  }

  @Test
  void rebuildIndex_replacesTheIndexWithOneLinePerTraceFile() throws IOException {
    TraceFixtures.support(1, "a", T0).export(dir);
    TraceFixtures.support(2, "b", T0).writeTo(dir);
    Files.writeString(dir.resolve("trace_3.json"), "{");

    TraceFolderViewer.rebuildIndex(dir);

    List<String> index = Files.readAllLines(dir.resolve("weft-index/000000.js"));
    assertThat(index).hasSize(3);
    String pack = dataScript(index.get(0));
    assertThat(index)
        .filteredOn(line -> !line.contains("unreadable"))
        .allSatisfy(line -> assertThat(dataScript(line)).isEqualTo(pack));
    assertThat(Files.readString(dir.resolve("weft-data").resolve(pack)).lines()).hasSize(2);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("weft-index.") || n.endsWith(".tmp"));
    }
  }

  @Test
  void setPrices_writesThemAndNoPricesRemoveThem() throws IOException {
    ModelPrices prices = ModelPrices.parse("GPT-4o=2.5/1.25/10");
    TraceFolderViewer.setPrices(dir, prices);
    assertThat(Files.readString(dir.resolve("weft-prices.js")))
        .startsWith("weft.prices({\"as_of\":null,\"models\":{\"gpt-4o\":[2.5,1.25,10.0]}});\n")
        .endsWith("\n// weft-prices " + PricesScript.fingerprint(build(), prices) + "\n");

    TraceFolderViewer.setPrices(dir, ModelPrices.none());
    assertThat(dir.resolve("weft-prices.js")).doesNotExist();
  }

  @Test
  void install_writesTheBuiltInPricesWithTheirDate() throws IOException {
    TraceFolderViewer.install(dir);

    assertThat(Files.readString(dir.resolve("weft-prices.js")))
        .startsWith("weft.prices({\"as_of\":\"" + ModelPrices.builtIn().asOf() + "\"")
        .contains("\"gpt-4.1-mini\":[0.4,0.1,1.6]");
  }

  @Test
  void install_withPrices_writesThoseInstead() throws IOException {
    TraceFolderViewer.install(
        dir, ModelPrices.builtIn().overriddenBy(ModelPrices.parse("gpt-4.1-mini=1/2")));

    assertThat(Files.readString(dir.resolve("weft-prices.js")))
        .contains("\"gpt-4.1-mini\":[1.0,1.0,2.0]");
  }

  @Test
  void writeStandalone_embedsTracesSoNoCapturedTextCanLeaveTheScript() throws IOException {
    TraceFixtures t = TraceFixtures.support(1, "</SCRIPT><!--<script>x()</script>", T0);
    t.writeTo(dir);
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"trace\":");

    Path out =
        TraceFolderViewer.writeStandalone(
            List.of(dir.resolve(t.id() + ".json"), broken, dir.resolve("missing.json")),
            dir.resolve("view/page.html"));

    String html = Files.readString(out);
    String embed = html.substring(html.indexOf("window.WEFT_EMBED"));
    embed = embed.substring(0, embed.indexOf("</script>"));
    assertThat(embed).doesNotContainIgnoringCase("<script").doesNotContain("<!--");
    assertThat(embed)
        .contains("\"unreadable\":[{\"id\":\"broken.json\"", "{\"id\":\"missing.json\"");
  }

  private static String build() {
    String build = ViewerBuild.fingerprint();
    assertThat(build).as("the fingerprint the build writes").isNotNull();
    return build;
  }

  /** A file's identity and time, to tell whether it was written again. */
  private record Untouched(Path file, Object key, FileTime time) {
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    /** Dates the file back, so that a new write shows in its time as well as in its identity. */
    static Untouched mark(Path file) throws IOException {
      Files.setLastModifiedTime(file, LONG_AGO);
      return new Untouched(file, key(file), LONG_AGO);
    }

    boolean isUntouched() throws IOException {
      return Objects.equals(key(file), key) && Files.getLastModifiedTime(file).equals(time);
    }

    void check() throws IOException {
      assertThat(isUntouched()).as("%s untouched", file.getFileName()).isTrue();
    }

    private static Object key(Path file) throws IOException {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
  }

  @Test
  void onTracesWritten_putsTheBatchInOnePack_andEachEntryNamesIt() throws IOException {
    Map<String, byte[]> batch = new LinkedHashMap<>();
    for (int i = 1; i <= 3; i++) {
      TraceFixtures t = TraceFixtures.support(i, "w" + i, T0);
      batch.put(t.id(), t.writeTo(dir));
    }

    TraceFolderViewer.onTracesWritten(dir, batch);

    List<String> index = Files.readAllLines(dir.resolve("weft-index/000000.js"));
    assertThat(index).hasSize(3);
    String pack = dataScript(index.get(0));
    assertThat(index).allSatisfy(line -> assertThat(dataScript(line)).isEqualTo(pack));
    try (var files = Files.list(dir.resolve("weft-data"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(pack);
    }
    List<String> lines = Files.readString(dir.resolve("weft-data").resolve(pack)).lines().toList();
    assertThat(lines).hasSize(3);
    int i = 0;
    for (String id : batch.keySet()) {
      assertThat(lines.get(i++)).startsWith("weft.trace({").endsWith(",\"" + id + "\");");
    }
  }

  @Test
  void rebuildIndex_removesPacksAndOlderScriptsNoEntryNamesAnyMore() throws IOException {
    TraceFixtures kept = TraceFixtures.support(1, "kept", T0);
    TraceFixtures gone = TraceFixtures.support(2, "gone", T0);
    TraceFolderViewer.onTracesWritten(
        dir, new LinkedHashMap<>(Map.of(kept.id(), kept.writeTo(dir))));
    TraceFolderViewer.onTracesWritten(
        dir, new LinkedHashMap<>(Map.of(gone.id(), gone.writeTo(dir))));
    Files.writeString(dir.resolve("weft-data").resolve(kept.id() + ".js"), "weft.trace({});");
    Files.delete(dir.resolve(gone.id() + ".json"));

    TraceFolderViewer.rebuildIndex(dir);

    String entry = Files.readString(dir.resolve("weft-index/000000.js")).strip();
    assertThat(entry).contains(kept.id()).doesNotContain(gone.id());
    try (var files = Files.list(dir.resolve("weft-data"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(dataScript(entry));
    }
    assertThat(Files.readString(dir.resolve("weft-data").resolve(dataScript(entry))))
        .contains("\"" + kept.id() + "\"")
        .doesNotContain("gone");
  }

  @Test
  void indexListing_answersWhatTheIndexLists_readingOnlyWhatWasAppended() throws IOException {
    IndexListing listing = new IndexListing(dir);
    FileTime now = FileTime.from(Instant.now());
    assertThat(listing.listsAsOf("trace_x", now)).isFalse();
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= IndexJournal.SEGMENT_ENTRIES + 5; i++) {
      TraceFixtures t = TraceFixtures.support(i, "w", T0);
      ids.add(t.id());
      TraceFolderViewer.onTraceWritten(dir, t.id(), t.writeTo(dir));
      if (i == 3) {
        assertThat(listing.listsAsOf(ids.get(0), FileTime.fromMillis(0))).isTrue();
      }
    }
    assertThat(dir.resolve("weft-index/000001.js")).exists();
    for (String id : ids) {
      assertThat(listing.listsAsOf(id, FileTime.fromMillis(0))).as(id).isTrue();
    }
    assertThat(listing.listsAsOf(ids.get(0), FileTime.fromMillis(Long.MAX_VALUE / 2)))
        .as("a file changed after the index was last written")
        .isFalse();

    Files.delete(dir.resolve(ids.get(0) + ".json"));
    TraceFolderViewer.rebuildIndex(dir);
    assertThat(listing.listsAsOf(ids.get(0), FileTime.fromMillis(0)))
        .as("after a rebuild without it")
        .isFalse();
  }

  /** The data script an index line names. */
  private static String dataScript(String indexLine) {
    Matcher m = Pattern.compile("\"data\":\"(pack_[0-9a-f]{16}\\.js)\"").matcher(indexLine);
    assertThat(m.find()).as(indexLine).isTrue();
    return m.group(1);
  }
}
