package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderPageTest {

  private static final String BUILD = "ab".repeat(32);
  private static final String OTHER_BUILD = "cd".repeat(32);

  @TempDir Path dir;

  private final AtomicInteger built = new AtomicInteger();

  @Test
  void writeTo_whenTheFileNamesTheSameBuild_neitherBuildsNorWritesThePage() throws IOException {
    Path file = dir.resolve("index.html");
    Files.writeString(file, ViewerPage.folderPage(BUILD));

    new FolderPage(BUILD, counted(() -> ViewerPage.folderPage(BUILD))).writeTo(file);

    assertThat(built).hasValue(0);
    assertThat(Files.readString(file)).isEqualTo(ViewerPage.folderPage(BUILD));
  }

  @Test
  void writeTo_whenTheFileNamesAnotherBuild_writesThePage() throws IOException {
    Path file = dir.resolve("index.html");
    Files.writeString(file, ViewerPage.folderPage(OTHER_BUILD));

    new FolderPage(BUILD, counted(() -> ViewerPage.folderPage(BUILD))).writeTo(file);

    assertThat(built).hasValue(1);
    assertThat(Files.readString(file)).isEqualTo(ViewerPage.folderPage(BUILD));
  }

  @Test
  void writeTo_whenTheFileIsMissing_writesThePage() throws IOException {
    Path file = dir.resolve("index.html");

    new FolderPage(BUILD, counted(() -> ViewerPage.folderPage(BUILD))).writeTo(file);

    assertThat(Files.readString(file)).isEqualTo(ViewerPage.folderPage(BUILD));
  }

  @Test
  void writeTo_whenTheBuildHasNoFingerprint_comparesThePageWhole() throws IOException {
    Path file = dir.resolve("index.html");
    FolderPage page = new FolderPage(null, counted(() -> ViewerPage.folderPage(null)));
    page.writeTo(file);
    Files.writeString(file, ViewerPage.folderPage(null).replace("<title>", "<title>Edited "));

    page.writeTo(file);

    assertThat(built).hasValue(2);
    assertThat(Files.readString(file)).isEqualTo(ViewerPage.folderPage(null));
  }

  @Test
  void theBuildsPrebuiltPage_isThePageAssembledAtRunTime() throws IOException {
    String fingerprint = ViewerBuild.fingerprint();
    assertThat(fingerprint).isNotNull();
    try (InputStream in = FolderPage.class.getResourceAsStream(FolderPage.PREBUILT)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(ViewerPage.folderPage());
    }
    assertThat(new String(FolderPage.prebuiltOrAssembled(fingerprint), StandardCharsets.UTF_8))
        .isEqualTo(ViewerPage.folderPage());
  }

  @Test
  void aNewFolder_getsThePageOfThisBuild() throws IOException {
    Path file = dir.resolve("index.html");

    FolderPage.current().writeTo(file);

    assertThat(Files.readString(file)).isEqualTo(ViewerPage.folderPage());
    assertThat(Files.readString(file)).contains(ViewerPage.buildTag(ViewerBuild.fingerprint()));
  }

  private Supplier<byte[]> counted(Supplier<String> page) {
    return () -> {
      built.incrementAndGet();
      return page.get().getBytes(StandardCharsets.UTF_8);
    };
  }
}
