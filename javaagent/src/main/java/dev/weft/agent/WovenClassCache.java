package dev.weft.agent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * The JDK classes the agent wove at an earlier start, kept in the runtime jar's cache folder
 * ({@code <java.io.tmpdir>/weft-<user>}, see {@link RuntimeJarCache}) so that later starts of the
 * same agent build on the same JDK hand the JVM the woven class at once, without Byte Buddy:
 * weaving {@code Thread} alone, the one such class loaded before the agent starts, took about 150
 * ms of CPU at every start, nearly all of it Byte Buddy's code running for the first time.
 *
 * <p>An entry holds the class file the JVM gave the transformer and the one the agent made of it,
 * and is used only for a byte-for-byte equal class file, so a JDK update, another agent
 * transforming the class first, or any other difference makes a miss and a fresh weave, whose
 * result replaces the entry. The entry's name (a checksum of the agent build, the JDK and the
 * class's name) only finds the candidate; its woven class file carries a CRC-32 that is checked
 * before use, as the JVM does not verify JDK classes. Entries are written under a temporary name
 * and renamed, so a JVM starting at the same time never reads half of one. A start that uses an
 * entry marks it used (its modification time, at most once a day); the first start to store an
 * entry removes the entries no start has used for a week, as each agent build and JDK makes its
 * own.
 *
 * <p>The cache is used only when the runtime jar itself comes from the cache folder, whose owner
 * and permissions that check has just checked: the folder then exists, belongs to the user and is
 * open to no one else. Anything unexpected (a missing or unreadable entry, a damaged one) is a
 * miss.
 */
final class WovenClassCache {
  private static final String PREFIX = "weft-woven-";
  private static final int MAGIC = 0x5745_4654; // "WEFT"
  private static final int FORMAT = 1;
  private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** How long an entry stays after the last start that used it: a week. */
  static final long UNUSED_FOR_MILLIS = 7 * DAY_MILLIS;

  private final Path dir;
  private final String identity;
  private final AtomicBoolean pruned = new AtomicBoolean();

  private WovenClassCache(Path dir, String identity) {
    this.dir = dir;
    this.identity = identity;
  }

  /**
   * Returns the cache of the agent build whose runtime jar is {@code runtime}, or null when that
   * jar is not the cached copy of a build (the agent then weaves at every start, as before).
   */
  static WovenClassCache open(JarFile runtime) {
    return runtime == null
        ? null
        : open(Paths.get(runtime.getName()), Paths.get(System.getProperty("java.io.tmpdir")));
  }

  /** {@link #open(JarFile)} with the cache folder under {@code temporaryDirectory}. */
  static WovenClassCache open(Path runtimeJar, Path temporaryDirectory) {
    try {
      Path name = runtimeJar.getFileName();
      Path dir = RuntimeJarCache.folder(temporaryDirectory, false);
      if (dir == null
          || name == null
          || !name.toString().startsWith("weft-bootstrap-")
          || !name.toString().endsWith(".jar")
          || !dir.equals(runtimeJar.getParent())) {
        return null;
      }
      return new WovenClassCache(dir, name + "\n" + jdk());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The JDK the classes were woven on: where it lies and its exact build. */
  private static String jdk() {
    return System.getProperty("java.home")
        + "\n"
        + System.getProperty("java.vm.version")
        + "\n"
        + System.getProperty("java.runtime.version");
  }

  /** Returns the woven form of {@code classFile}, or null when there is none. */
  byte[] find(String internalName, byte[] classFile) {
    Path file = dir.resolve(fileName(internalName));
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
      if (!attributes.isRegularFile()) {
        return null;
      }
      byte[] woven;
      try (DataInputStream in = new DataInputStream(Files.newInputStream(file, NOFOLLOW))) {
        woven = read(in, internalName, classFile);
      }
      if (woven != null) {
        markUsed(file, attributes.lastModifiedTime().toMillis());
      }
      return woven;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads an entry; returns its woven class file when it was made from {@code classFile} and is
   * intact, else null.
   */
  private static byte[] read(DataInputStream in, String internalName, byte[] classFile)
      throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(internalName)) {
      return null;
    }
    int originalLength = in.readInt();
    int wovenLength = in.readInt();
    long wovenCrc = in.readLong();
    if (originalLength != classFile.length || wovenLength <= 0 || wovenLength > (64 << 20)) {
      return null;
    }
    byte[] original = in.readNBytes(originalLength);
    if (!Arrays.equals(original, classFile)) {
      return null;
    }
    byte[] woven = in.readNBytes(wovenLength);
    if (woven.length != wovenLength || crc(woven) != wovenCrc || in.read() != -1) {
      return null;
    }
    return woven;
  }

  /** Keeps {@code woven} as the woven form of {@code classFile}; failures are ignored. */
  void store(String internalName, byte[] classFile, byte[] woven) {
    Path temporary = null;
    try {
      temporary = Files.createTempFile(dir, PREFIX, ".part");
      try (OutputStream file = Files.newOutputStream(temporary);
          DataOutputStream out = new DataOutputStream(file)) {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(internalName);
        out.writeInt(classFile.length);
        out.writeInt(woven.length);
        out.writeLong(crc(woven));
        out.write(classFile);
        out.write(woven);
      }
      Files.move(
          temporary,
          dir.resolve(fileName(internalName)),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
      if (pruned.compareAndSet(false, true)) {
        removeUnused();
      }
    } catch (IOException | RuntimeException e) {
      // Woven again by the next start.
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // Left in the user's own folder, and removed with the unused entries a week on.
        }
      }
    }
  }

  /**
   * The entry's name: a checksum of the agent build, the JDK and the class's name. One entry per
   * class, so a class file that differs at every start (another agent's weaving, say) replaces its
   * entry rather than adding one each time.
   */
  private String fileName(String internalName) {
    byte[] key = (identity + "\n" + internalName).getBytes(StandardCharsets.UTF_8);
    return PREFIX + Long.toHexString(crc(key)) + ".class";
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length);
    return crc.getValue();
  }

  /** Sets the entry's modification time to now when it was last set more than a day ago. */
  private static void markUsed(Path file, long lastModified) {
    long now = System.currentTimeMillis();
    if (now - lastModified < DAY_MILLIS && now >= lastModified) {
      return;
    }
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(now));
    } catch (IOException | RuntimeException e) {
      // Removed a week early at worst, and woven again then.
    }
  }

  /** Removes the entries and temporary files no start has used for {@link #UNUSED_FOR_MILLIS}. */
  private void removeUnused() {
    long oldest = System.currentTimeMillis() - UNUSED_FOR_MILLIS;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*.{class,part}")) {
      for (Path file : files) {
        try {
          if (Files.isRegularFile(file, NOFOLLOW)
              && Files.getLastModifiedTime(file, NOFOLLOW).toMillis() < oldest) {
            Files.delete(file);
          }
        } catch (IOException | RuntimeException e) {
          // Removed meanwhile by another start.
        }
      }
    } catch (IOException | RuntimeException e) {
      // Left for the next start that stores an entry.
    }
  }
}
