package dev.weft.agent;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * Keeps the extracted runtime jar between starts, in a folder of the temporary directory that only
 * the current user may write ({@code weft-<user>}), named by the jar's size and CRC-32 as the agent
 * jar records them: one file per agent build. A copy is used only when it is intact (owner and size
 * match, and its checksum when last checked, see below); it is written under a temporary name and
 * renamed atomically, so a JVM starting at the same time never sees half a file. Anything
 * unexpected (no POSIX file system, a folder owned by someone else or open to others) answers null,
 * and the agent extracts a private copy as before. Refers to JDK types only, like {@link
 * WeftAgent}.
 *
 * <p>A copy's modification time is when a start last checked its content in full: the first start
 * of a day to use it reads all of it for the checksum (about 10 ms for its 20 MB, at every start
 * before), and sets that time; later starts that day check its owner and size only. The folder is
 * the user's own, and the copy was checked in full before it was renamed in, so what the day's
 * starts skip is a change made by that user, who may change the agent jar itself as well. The start
 * that stores a new copy, the first of a new build, removes the copies no start has used for a week
 * (see {@link #UNUSED_FOR_MILLIS}) and any temporary file left that long: without it, every agent
 * build ever started left its copy behind. A JVM still running on a removed copy keeps reading it:
 * the file stays open, and the system frees it when the JVM exits.
 */
final class RuntimeJarCache {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

  /**
   * How long, in milliseconds, a copy stays after the last start that used it, once a newer build
   * is stored: a week.
   */
  static final long UNUSED_FOR_MILLIS = 7 * DAY_MILLIS;

  /**
   * How long a copy is used on its owner, size and modification time alone after a start checked
   * its content in full: a day.
   */
  static final long CHECKED_EVERY_MILLIS = DAY_MILLIS;

  private RuntimeJarCache() {}

  /** Returns the cached copy of the runtime jar {@code entry} describes, or null. */
  static File find(JarEntry entry) {
    return find(entry, temporaryDirectory());
  }

  /** {@link #find(JarEntry)} with the cache folder under {@code temporaryDirectory}. */
  static File find(JarEntry entry, Path temporaryDirectory) {
    try {
      Path dir = folder(temporaryDirectory, false);
      if (dir == null || !knownSize(entry)) {
        return null;
      }
      Path file = dir.resolve(fileName(entry));
      PosixFileAttributes attributes =
          Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW);
      if (!attributes.isRegularFile()
          || attributes.size() != entry.getSize()
          || !ownedByMe(attributes)) {
        return null;
      }
      long now = System.currentTimeMillis();
      long sinceChecked = now - attributes.lastModifiedTime().toMillis();
      if (sinceChecked < 0 || sinceChecked >= CHECKED_EVERY_MILLIS) {
        if (checksum(file) != entry.getCrc()) {
          return null;
        }
        markChecked(file, now);
      }
      return file.toFile();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Copies the runtime jar to the cache and returns the copy, or null when it cannot. */
  static File store(JarEntry entry, InputStream content) {
    return store(entry, content, temporaryDirectory());
  }

  /**
   * {@link #store(JarEntry, InputStream)} with the cache folder under {@code temporaryDirectory}.
   */
  static File store(JarEntry entry, InputStream content, Path temporaryDirectory) {
    Path temporary = null;
    try {
      Path dir = folder(temporaryDirectory, true);
      if (dir == null || !knownSize(entry)) {
        return null;
      }
      temporary = Files.createTempFile(dir, "weft-bootstrap-", ".part");
      CheckedInputStream in = new CheckedInputStream(content, new CRC32());
      try (OutputStream out = Files.newOutputStream(temporary)) {
        in.transferTo(out);
      }
      if (in.getChecksum().getValue() != entry.getCrc()
          || Files.size(temporary) != entry.getSize()) {
        return null;
      }
      Path file = dir.resolve(fileName(entry));
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      temporary = null;
      removeUnused(dir, "weft-bootstrap-*.{jar,part}", file);
      return file.toFile();
    } catch (IOException | RuntimeException e) {
      return null;
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // Left behind in the user's own folder; the next copy uses another name.
        }
      }
    }
  }

  /** Sets the file's modification time to {@code now}; failures are ignored. */
  static void markChecked(Path file, long now) {
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(now));
    } catch (IOException | RuntimeException e) {
      // Checked again by the next start, and removed a week early at worst.
    }
  }

  /**
   * Removes the plain files in {@code dir} matching {@code glob}, other than {@code kept} (when not
   * null), that no start has used for {@link #UNUSED_FOR_MILLIS}; failures are ignored.
   */
  static void removeUnused(Path dir, String glob, Path kept) {
    long oldest = System.currentTimeMillis() - UNUSED_FOR_MILLIS;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      for (Path file : files) {
        try {
          if (!file.equals(kept)
              && Files.isRegularFile(file, NOFOLLOW)
              && Files.getLastModifiedTime(file, NOFOLLOW).toMillis() < oldest) {
            Files.delete(file);
          }
        } catch (IOException | RuntimeException e) {
          // Used by a JVM on a system that cannot remove open files, or removed meanwhile.
        }
      }
    } catch (IOException | RuntimeException e) {
      // Left for the next new build's first start.
    }
  }

  private static boolean knownSize(JarEntry entry) {
    return entry.getSize() > 0 && entry.getCrc() != -1;
  }

  private static String fileName(JarEntry entry) {
    return "weft-bootstrap-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".jar";
  }

  private static Path temporaryDirectory() {
    return Paths.get(System.getProperty("java.io.tmpdir"));
  }

  /**
   * Returns the user's cache folder under {@code temporaryDirectory}, made if {@code create}, or
   * null when it is not safe.
   */
  static Path folder(Path temporaryDirectory, boolean create) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return null;
    }
    String user = System.getProperty("user.name", "");
    if (!isPlainName(user)) {
      return null;
    }
    Path dir = temporaryDirectory.resolve("weft-" + user);
    if (create && !Files.exists(dir, NOFOLLOW)) {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      try {
        Files.createDirectory(dir, ownerOnly);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Made by another JVM starting at the same time: checked below like any other.
      }
    }
    if (!Files.isDirectory(dir, NOFOLLOW)) {
      return null;
    }
    PosixFileAttributes attributes =
        Files.getFileAttributeView(dir, PosixFileAttributeView.class, NOFOLLOW).readAttributes();
    return ownedByMe(attributes) && attributes.permissions().equals(OWNER_ONLY) ? dir : null;
  }

  private static boolean isPlainName(String name) {
    if (name.isEmpty() || name.startsWith(".")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean ownedByMe(PosixFileAttributes attributes) throws IOException {
    UserPrincipal me =
        FileSystems.getDefault()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    return attributes.owner().equals(me);
  }

  private static long checksum(Path file) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[BUFFER_SIZE];
    // A FileInputStream rather than Files.newInputStream: no channel classes to load for one read.
    try (InputStream in = new FileInputStream(file.toFile())) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }
}
