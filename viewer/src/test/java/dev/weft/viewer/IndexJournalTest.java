package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexJournalTest {

  @TempDir Path dir;

  private List<String> lines(int segment) throws IOException {
    return Files.readAllLines(
        dir.resolve(IndexJournal.DIRECTORY).resolve(IndexJournal.segmentName(segment)));
  }

  @Test
  void segmentName_isSixDigitsZeroPadded_asThePageLoadsThem() throws IOException {
    assertThat(IndexJournal.segmentName(0)).isEqualTo("000000.js");
    assertThat(IndexJournal.segmentName(42)).isEqualTo("000042.js");
    assertThat(IndexJournal.segmentName(999_999)).isEqualTo("999999.js");

    Path indexDir = Files.createDirectories(dir.resolve(IndexJournal.DIRECTORY));
    Files.createFile(indexDir.resolve(IndexJournal.segmentName(7)));
    assertThat(IndexJournal.lastSegment(indexDir)).isEqualTo(7);
  }

  @Test
  void append_writesOneStatementPerLine() throws IOException {
    IndexJournal.append(dir, "{\"id\":\"a\"}");
    IndexJournal.append(dir, "{\"id\":\"b\"}");

    assertThat(lines(0))
        .containsExactly("weft.entry({\"id\":\"a\"});", "weft.entry({\"id\":\"b\"});");
  }

  @Test
  void append_whenSegmentIsFull_startsTheNext() throws IOException {
    for (int i = 0; i < IndexJournal.SEGMENT_ENTRIES + 3; i++) {
      IndexJournal.append(dir, "{\"n\":" + i + "}");
    }

    assertThat(lines(0)).hasSize(IndexJournal.SEGMENT_ENTRIES);
    assertThat(lines(1))
        .containsExactly(
            "weft.entry({\"n\":250});", "weft.entry({\"n\":251});", "weft.entry({\"n\":252});");
  }

  @Test
  void appendAll_fillsEachSegmentToItsSize_andGoesOnInTheNext() throws IOException {
    IndexJournal.append(dir, "{\"n\":0}");
    List<String> entries = new ArrayList<>();
    for (int i = 1; i < 2 * IndexJournal.SEGMENT_ENTRIES + 5; i++) {
      entries.add("{\"n\":" + i + "}");
    }

    IndexJournal.appendAll(dir, entries);
    IndexJournal.append(dir, "{\"n\":\"last\"}");

    assertThat(lines(0)).hasSize(IndexJournal.SEGMENT_ENTRIES).startsWith("weft.entry({\"n\":0});");
    assertThat(lines(1))
        .hasSize(IndexJournal.SEGMENT_ENTRIES)
        .startsWith("weft.entry({\"n\":250});");
    assertThat(lines(2))
        .containsExactly(
            "weft.entry({\"n\":500});",
            "weft.entry({\"n\":501});",
            "weft.entry({\"n\":502});",
            "weft.entry({\"n\":503});",
            "weft.entry({\"n\":504});",
            "weft.entry({\"n\":\"last\"});");
  }

  @Test
  void append_whenLastLineIsTorn_cutsItOffFirst() throws IOException {
    IndexJournal.append(dir, "{\"id\":\"a\"}");
    Path segment = dir.resolve(IndexJournal.DIRECTORY).resolve(IndexJournal.segmentName(0));
    Files.writeString(segment, "weft.entry({\"id\":\"tor", StandardOpenOption.APPEND);

    IndexJournal.append(dir, "{\"id\":\"b\"}");

    assertThat(lines(0))
        .containsExactly("weft.entry({\"id\":\"a\"});", "weft.entry({\"id\":\"b\"});");
  }

  @Test
  void append_continuesTheLastSegmentLeftByAnotherProcess() throws IOException {
    Path index = Files.createDirectories(dir.resolve(IndexJournal.DIRECTORY));
    Files.writeString(index.resolve("000000.js"), "weft.entry({});\n".repeat(250));
    Files.writeString(index.resolve("000001.js"), "weft.entry({\"id\":\"x\"});\n");
    IndexJournal.forget(dir);

    IndexJournal.append(dir, "{\"id\":\"y\"}");

    assertThat(lines(1))
        .containsExactly("weft.entry({\"id\":\"x\"});", "weft.entry({\"id\":\"y\"});");
  }

  @Test
  void append_fromManyThreads_losesAndTearsNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = i;
        done.add(
            pool.submit(
                () -> {
                  IndexJournal.append(dir, "{\"n\":" + n + "}");
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    List<String> all = new ArrayList<>(lines(0));
    all.addAll(lines(1));
    assertThat(all).hasSize(400).allMatch(l -> l.matches("weft\\.entry\\(\\{\"n\":\\d+}\\);"));
  }
}
