package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK classes woven at earlier starts: an entry answers only for the very class file it was
 * made from, never when damaged, and entries no start has used for a week are removed.
 */
class WovenClassCacheTest {
  private static final String THREAD = "java/lang/Thread";

  @TempDir Path tmp;
  private Path dir;
  private WovenClassCache cache;

  @BeforeEach
  void openCache() throws IOException {
    dir = RuntimeJarCache.folder(tmp, true);
    cache = WovenClassCache.open(dir.resolve("weft-bootstrap-1a2b3c-1000.jar"), tmp);
    assertThat(cache).isNotNull();
  }

  @Test
  void aStoredClass_isFoundForTheSameClassFile_byTheSameBuild() {
    cache.store(THREAD, "", bytes("original"), bytes("woven"));

    assertThat(cache.find(THREAD, "", bytes("original"))).isEqualTo(bytes("woven"));
    WovenClassCache sameBuild =
        WovenClassCache.open(dir.resolve("weft-bootstrap-1a2b3c-1000.jar"), tmp);
    assertThat(sameBuild.find(THREAD, "", bytes("original"))).isEqualTo(bytes("woven"));
  }

  @Test
  void anotherClassFile_anotherClassName_orAnotherBuild_findsNothing() {
    cache.store(THREAD, "", bytes("original"), bytes("woven"));

    assertThat(cache.find(THREAD, "", bytes("originaL"))).isNull();
    assertThat(cache.find(THREAD, "", bytes("original plus"))).isNull();
    assertThat(cache.find("java/util/Timer", "", bytes("original"))).isNull();
    WovenClassCache otherBuild =
        WovenClassCache.open(dir.resolve("weft-bootstrap-4d5e6f-1000.jar"), tmp);
    assertThat(otherBuild.find(THREAD, "", bytes("original"))).isNull();
  }

  @Test
  void aClassLeftAsItWas_isKeptSo_andAnotherVariantIsAnotherEntry() throws IOException {
    cache.store("com/acme/Model", "langchain4j chat", bytes("original"), null);
    cache.store("com/acme/Model", "langchain4j chat, stream", bytes("original"), bytes("woven"));

    assertThat(cache.find("com/acme/Model", "langchain4j chat", bytes("original")))
        .isSameAs(WovenClassCache.NOT_WOVEN);
    assertThat(cache.find("com/acme/Model", "langchain4j chat, stream", bytes("original")))
        .isEqualTo(bytes("woven"));
    assertThat(cache.find("com/acme/Model", "", bytes("original"))).isNull();
  }

  @Test
  void aClassFileThatChanges_replacesTheClasssEntry_ratherThanAddingOne() throws IOException {
    cache.store(THREAD, "", bytes("as the JDK has it"), bytes("woven once"));
    cache.store(THREAD, "", bytes("as another agent left it"), bytes("woven twice"));

    assertThat(cache.find(THREAD, "", bytes("as another agent left it")))
        .isEqualTo(bytes("woven twice"));
    assertThat(cache.find(THREAD, "", bytes("as the JDK has it"))).isNull();
    onlyEntry();
  }

  @Test
  void aDamagedOrCutEntry_findsNothing() throws IOException {
    cache.store(THREAD, "", bytes("original"), bytes("woven class file"));
    Path entry = onlyEntry();
    byte[] content = Files.readAllBytes(entry);

    byte[] flipped = content.clone();
    flipped[flipped.length - 3] ^= 1;
    Files.write(entry, flipped);
    assertThat(cache.find(THREAD, "", bytes("original"))).isNull();

    Files.write(entry, java.util.Arrays.copyOf(content, content.length - 1));
    assertThat(cache.find(THREAD, "", bytes("original"))).isNull();

    Files.write(entry, content);
    assertThat(cache.find(THREAD, "", bytes("original"))).isEqualTo(bytes("woven class file"));
  }

  @Test
  void aRuntimeJarOutsideTheCacheFolder_hasNoCache() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

    assertThat(WovenClassCache.open(elsewhere.resolve("weft-bootstrap-1a2b3c-1000.jar"), tmp))
        .isNull();
    assertThat(WovenClassCache.open(dir.resolve("application.jar"), tmp)).isNull();
  }

  @Test
  void theFirstStore_removesEntriesUnusedForAWeek_andAUsedEntryIsMarkedAtMostOnceADay()
      throws IOException {
    Path old = aged(dir.resolve("weft-woven-1-2-3.class"), Duration.ofDays(8));
    Path oldPart = aged(dir.resolve("weft-woven-4.part"), Duration.ofDays(8));
    Path recent = aged(dir.resolve("weft-woven-5-6-7.class"), Duration.ofDays(2));
    Path notOurs = aged(dir.resolve("weft-bootstrap-9-9.jar"), Duration.ofDays(30));

    cache.store(THREAD, "", bytes("original"), bytes("woven"));

    assertThat(old).doesNotExist();
    assertThat(oldPart).doesNotExist();
    assertThat(recent).exists();
    assertThat(notOurs).exists();

    Path entry = dir.resolve(onlyEntryNamed(p -> !p.equals(recent)).getFileName().toString());
    FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    Files.setLastModifiedTime(entry, anHourAgo);
    assertThat(cache.find(THREAD, "", bytes("original"))).isNotNull();
    assertThat(Files.getLastModifiedTime(entry)).isEqualTo(anHourAgo);

    aged(entry, Duration.ofDays(3));
    assertThat(cache.find(THREAD, "", bytes("original"))).isNotNull();
    assertThat(Files.getLastModifiedTime(entry).toInstant())
        .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
  }

  @Test
  void aNote_isReadByLaterStarts_ofAnyBuild_andRemovedAfterAWeekUnread() throws IOException {
    assertThat(cache.noted("span classes woven late\ncom.acme.App")).isFalse();

    cache.note("span classes woven late\ncom.acme.App");
    cache.note("span classes woven late\ncom.acme.App");

    WovenClassCache otherBuild =
        WovenClassCache.open(dir.resolve("weft-bootstrap-4d5e6f-1000.jar"), tmp);
    assertThat(otherBuild.noted("span classes woven late\ncom.acme.App")).isTrue();
    assertThat(otherBuild.noted("span classes woven late\ncom.acme.Other")).isFalse();
    Path note = onlyEntry();
    assertThat(note.getFileName().toString()).endsWith(".note");

    aged(note, Duration.ofDays(3));
    assertThat(cache.noted("span classes woven late\ncom.acme.App")).isTrue();
    assertThat(Files.getLastModifiedTime(note).toInstant())
        .as("marked read")
        .isAfter(Instant.now().minus(Duration.ofMinutes(1)));

    aged(note, Duration.ofDays(8));
    cache.store(THREAD, "", bytes("original"), bytes("woven"));
    assertThat(note).doesNotExist();

    cache.note("span classes woven late\ncom.acme.App");
    cache.forget("span classes woven late\ncom.acme.App");
    assertThat(cache.noted("span classes woven late\ncom.acme.App")).isFalse();
  }

  private Path onlyEntry() throws IOException {
    return onlyEntryNamed(p -> true);
  }

  private Path onlyEntryNamed(java.util.function.Predicate<Path> which) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> entries =
          files
              .filter(p -> p.getFileName().toString().startsWith("weft-woven-"))
              .filter(which)
              .toList();
      assertThat(entries).hasSize(1);
      return entries.get(0);
    }
  }

  private static Path aged(Path file, Duration age) throws IOException {
    if (!Files.exists(file)) {
      Files.writeString(file, "x");
    }
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
