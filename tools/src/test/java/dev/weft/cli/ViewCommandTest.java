package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SystemProperties;
import dev.weft.analysis.PriceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewCommandTest {
  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();

  @Test
  void run_onAFolder_writesOneStandalonePageWithEveryTraceAndPrintsItsPath() throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);
    TraceFileFixtures.tripped().writeTo(dir);

    int status = ViewCommand.run(new String[] {dir.toString()}, output.out, output.err);

    Path page = dir.resolve(ViewCommand.FOLDER_PAGE).toAbsolutePath();
    assertThat(status).isZero();
    assertThat(output.out().strip()).isEqualTo(page.toString());
    assertThat(Files.readString(page))
        .startsWith("<!DOCTYPE html>")
        .contains(TraceFileFixtures.PODCAST_ID)
        .contains(TraceFileFixtures.SUPPORT_ID)
        .doesNotContain("src=\"http")
        .doesNotContain("href=\"http");
  }

  @Test
  void run_embedsTheBuiltInAndConfiguredPrices_soThePageShowsCosts() throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);

    try (SystemProperties props = new SystemProperties().set("weft.prices", "house-model=1/2")) {
      assertThat(ViewCommand.run(new String[] {dir.toString()}, output.out, output.err)).isZero();
    }

    assertThat(Files.readString(dir.resolve(ViewCommand.FOLDER_PAGE)))
        .contains("\"as_of\":\"" + PriceTable.builtIn().asOf() + "\"")
        .contains("\"gpt-4.1-mini\":[0.4,0.1,1.6]")
        .contains("\"house-model\":[1.0,1.0,2.0]");
  }

  @Test
  void run_onAFile_writesThePageNextToItUnlessOutIsGiven() throws Exception {
    Path file = TraceFileFixtures.podcast().writeTo(dir);
    Path elsewhere = dir.resolve("shared/podcast.html");

    assertThat(ViewCommand.run(new String[] {file.toString()}, output.out, output.err)).isZero();
    assertThat(
            ViewCommand.run(
                new String[] {file.toString(), "--out", elsewhere.toString()},
                output.out,
                output.err))
        .isZero();

    assertThat(dir.resolve(TraceFileFixtures.PODCAST_ID + ".html")).isRegularFile();
    assertThat(Files.readString(elsewhere)).contains(TraceFileFixtures.PODCAST_ID);
    assertThat(output.out().lines())
        .containsExactly(
            dir.resolve(TraceFileFixtures.PODCAST_ID + ".html").toAbsolutePath().toString(),
            elsewhere.toAbsolutePath().toString());
  }

  @Test
  void run_skipsMalformedFilesWithOneLineEach() throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);
    Files.writeString(dir.resolve("trace_cut.json"), "{\"trace\":{\"id\":\"trace_cut_marker\"");

    int status = ViewCommand.run(new String[] {dir.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.err().lines())
        .singleElement()
        .asString()
        .startsWith("skipped ")
        .contains("trace_cut.json");
    assertThat(Files.readString(dir.resolve(ViewCommand.FOLDER_PAGE)))
        .contains(TraceFileFixtures.PODCAST_ID)
        .doesNotContain("trace_cut_marker");
  }

  @Test
  void run_whenNothingIsReadable_returnsOneAndWritesNoPage() throws Exception {
    Files.writeString(dir.resolve("trace_x.json"), "[]");

    assertThat(ViewCommand.run(new String[] {dir.toString()}, output.out, output.err)).isEqualTo(1);
    assertThat(dir.resolve(ViewCommand.FOLDER_PAGE)).doesNotExist();
  }
}
