package dev.weft.agent;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
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
 * jar records them: one file per agent build. A copy is used only when it is intact (owner, size
 * and checksum match); it is written under a temporary name and renamed atomically, so a JVM
 * starting at the same time never sees half a file. Anything unexpected (no POSIX file system, a
 * folder owned by someone else or open to others) answers null, and the agent extracts a private
 * copy as before. Refers to JDK types only, like {@link WeftAgent}.
 */
final class RuntimeJarCache {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private RuntimeJarCache() {}

  /** Returns the cached copy of the runtime jar {@code entry} describes, or null. */
  static File find(JarEntry entry) {
    try {
      Path dir = folder(false);
      if (dir == null || !knownSize(entry)) {
        return null;
      }
      Path file = dir.resolve(fileName(entry));
      if (!Files.isRegularFile(file, NOFOLLOW)
          || Files.size(file) != entry.getSize()
          || !ownedByMe(Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW))
          || checksum(file) != entry.getCrc()) {
        return null;
      }
      return file.toFile();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Copies the runtime jar to the cache and returns the copy, or null when it cannot. */
  static File store(JarEntry entry, InputStream content) {
    Path temporary = null;
    try {
      Path dir = folder(true);
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

  private static boolean knownSize(JarEntry entry) {
    return entry.getSize() > 0 && entry.getCrc() != -1;
  }

  private static String fileName(JarEntry entry) {
    return "weft-bootstrap-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".jar";
  }

  /** Returns the user's cache folder, made if {@code create}, or null when it is not safe. */
  private static Path folder(boolean create) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return null;
    }
    String user = System.getProperty("user.name", "");
    if (!isPlainName(user)) {
      return null;
    }
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "weft-" + user);
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
