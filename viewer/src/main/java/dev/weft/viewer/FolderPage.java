package dev.weft.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The page one build writes into a trace folder, known by the build's fingerprint before it is
 * built: a folder whose {@code index.html} already names the same build in its first bytes keeps
 * it, and the page is built only when it has to be written.
 */
final class FolderPage {

  private final String fingerprint;
  private final Supplier<String> page;

  /**
   * @param fingerprint the build's fingerprint, or null when it has none and pages are compared
   *     whole
   * @param page builds the page, naming the build by {@link ViewerPage#buildTag} when it has a
   *     fingerprint
   */
  FolderPage(String fingerprint, Supplier<String> page) {
    this.fingerprint = fingerprint;
    this.page = page;
  }

  /** Returns the page of this build of the viewer. */
  static FolderPage current() {
    return new FolderPage(ViewerBuild.fingerprint(), ViewerPage::folderPage);
  }

  /**
   * Writes the page to {@code file} unless it is already there: a file written by another build or
   * by an older version that named no build, or a self-contained page, is replaced.
   *
   * @throws IOException when the file cannot be read or written
   */
  void writeTo(Path file) throws IOException {
    if (fingerprint == null) {
      AtomicFiles.writeUnlessSame(file, bytes());
    } else if (!namesThisBuild(file)) {
      AtomicFiles.write(file, bytes());
    }
  }

  private byte[] bytes() {
    return page.get().getBytes(StandardCharsets.UTF_8);
  }

  private boolean namesThisBuild(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(ViewerPage.BUILD_TAG_WITHIN);
    } catch (NoSuchFileException e) {
      return false;
    }
    // The tag is ASCII: read as Latin-1, no other byte of the head can be taken for part of it.
    return new String(head, StandardCharsets.ISO_8859_1).contains(ViewerPage.buildTag(fingerprint));
  }
}
