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
 *
 * <p>The module's build writes this build's page as a resource, {@value #PREBUILT} (see {@link
 * #main}), so a new folder gets it as bytes: assembling it from its fifteen parts took 120 to 170
 * ms of a JVM's first trace written, a delay a short program waits for at exit. Without the
 * resource (classes compiled by an IDE alone), or when it names another build, the page is
 * assembled as before.
 */
final class FolderPage {

  /** The resource, next to this class, that holds the page of this build. */
  static final String PREBUILT = "folder-page.html";

  private final String fingerprint;
  private final Supplier<byte[]> page;

  /**
   * @param fingerprint the build's fingerprint, or null when it has none and pages are compared
   *     whole
   * @param page builds the page, naming the build by {@link ViewerPage#buildTag} when it has a
   *     fingerprint
   */
  FolderPage(String fingerprint, Supplier<byte[]> page) {
    this.fingerprint = fingerprint;
    this.page = page;
  }

  /** Returns the page of this build of the viewer. */
  static FolderPage current() {
    String fingerprint = ViewerBuild.fingerprint();
    return new FolderPage(fingerprint, () -> prebuiltOrAssembled(fingerprint));
  }

  /**
   * Returns the prebuilt page when it names the build {@code fingerprint}, else the assembled one.
   */
  static byte[] prebuiltOrAssembled(String fingerprint) {
    if (fingerprint != null) {
      try (InputStream in = FolderPage.class.getResourceAsStream(PREBUILT)) {
        if (in != null) {
          byte[] prebuilt = in.readAllBytes();
          if (namesBuild(prebuilt, fingerprint)) {
            return prebuilt;
          }
        }
      } catch (IOException e) {
        // Assembled below.
      }
    }
    return assembled();
  }

  private static byte[] assembled() {
    return ViewerPage.folderPage().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes this build's folder page to the file {@code args[0]}; run by the module's build once the
   * fingerprint is written.
   */
  public static void main(String[] args) throws IOException {
    String fingerprint = ViewerBuild.fingerprint();
    if (fingerprint == null) {
      throw new IllegalStateException(ViewerBuild.RESOURCE + " is missing or holds no fingerprint");
    }
    Files.write(Path.of(args[0]), assembled());
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
    return page.get();
  }

  private boolean namesThisBuild(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(ViewerPage.BUILD_TAG_WITHIN);
    } catch (NoSuchFileException e) {
      return false;
    }
    return namesBuild(head, fingerprint);
  }

  /** Returns whether the page {@code head} starts with names the build {@code fingerprint}. */
  private static boolean namesBuild(byte[] head, String fingerprint) {
    int length = Math.min(head.length, ViewerPage.BUILD_TAG_WITHIN);
    // The tag is ASCII: read as Latin-1, no other byte of the head can be taken for part of it.
    return new String(head, 0, length, StandardCharsets.ISO_8859_1)
        .contains(ViewerPage.buildTag(fingerprint));
  }
}
