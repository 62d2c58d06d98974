package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of extracted runtime jars in the user's temporary folder: a copy is reused while
 * intact, and the copies of builds no start has used for a week are removed when a new build is
 * stored.
 */
class RuntimeJarCacheTest {
  @TempDir Path tmp;

  @Test
  void storingANewBuild_removesCopiesUnusedForAWeek_andKeepsTheRest() throws IOException {
    Path dir = RuntimeJarCache.folder(tmp, true);
    assertThat(dir).isNotNull();
    Path oldCopy = aged(dir.resolve("weft-bootstrap-1a2b3c-1000.jar"), Duration.ofDays(8));
    Path oldPart = aged(dir.resolve("weft-bootstrap-99.part"), Duration.ofDays(8));
    Path recentCopy = aged(dir.resolve("weft-bootstrap-4d5e6f-2000.jar"), Duration.ofDays(2));
    Path partInProgress = aged(dir.resolve("weft-bootstrap-100.part"), Duration.ZERO);
    Path notOurs = aged(dir.resolve("notes.txt"), Duration.ofDays(30));

    Path stored = store("a new build");

    assertThat(stored).hasContent("a new build");
    assertThat(oldCopy).doesNotExist();
    assertThat(oldPart).doesNotExist();
    assertThat(recentCopy).exists();
    assertThat(partInProgress).exists();
    assertThat(notOurs).exists();
  }

  @Test
  void aCopyInUse_isCheckedAndMarkedAtMostOnceADay_soANewBuildLeavesItAlone() throws IOException {
    JarEntry entry = entry("build one");
    Path copy = store("build one");

    FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    Files.setLastModifiedTime(copy, anHourAgo);
    assertThat(RuntimeJarCache.find(entry, tmp)).isEqualTo(copy.toFile());
    assertThat(Files.getLastModifiedTime(copy)).isEqualTo(anHourAgo);

    aged(copy, Duration.ofDays(10));
    assertThat(RuntimeJarCache.find(entry, tmp)).isEqualTo(copy.toFile());
    assertThat(Files.getLastModifiedTime(copy).toInstant())
        .isAfter(Instant.now().minus(Duration.ofMinutes(1)));

    store("build two");
    assertThat(copy).exists();
  }

  @Test
  void aDamagedCopy_isNotUsed_byTheStartThatChecksItsContent() throws IOException {
    Path copy = store("intact");
    Files.write(copy, "intacT".getBytes(StandardCharsets.UTF_8));
    aged(copy, Duration.ofDays(1));

    assertThat(RuntimeJarCache.find(entry("intact"), tmp)).isNull();
    assertThat(Files.getLastModifiedTime(copy).toInstant())
        .isBefore(Instant.now().minus(Duration.ofHours(23)));
  }

  @Test
  void aCopyOfAnotherSize_isNotUsed() throws IOException {
    Path copy = store("intact");
    Files.write(copy, "intact, and more".getBytes(StandardCharsets.UTF_8));

    assertThat(RuntimeJarCache.find(entry("intact"), tmp)).isNull();
  }

  /** Stores {@code text} as a build's runtime jar and returns the copy. */
  private Path store(String text) {
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    File stored = RuntimeJarCache.store(entry(text), new ByteArrayInputStream(content), tmp);
    assertThat(stored).isNotNull();
    return stored.toPath();
  }

  private static JarEntry entry(String text) {
    return entry(text.getBytes(StandardCharsets.UTF_8));
  }

  private static JarEntry entry(byte[] content) {
    CRC32 crc = new CRC32();
    crc.update(content);
    JarEntry entry = new JarEntry("weft-bootstrap.jar");
    entry.setSize(content.length);
    entry.setCrc(crc.getValue());
    return entry;
  }

  /** Makes {@code file} if missing and sets its modification time {@code age} ago. */
  private static Path aged(Path file, Duration age) throws IOException {
    if (!Files.exists(file)) {
      Files.writeString(file, "x");
    }
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }
}
