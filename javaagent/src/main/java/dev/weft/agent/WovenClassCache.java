package dev.weft.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * The classes the agent wove at an earlier start, as far as their weave follows from their own
 * class file ({@link WeavingTransformer.Weaving#cacheVariant}): the JDK's executors, threads and
 * timers, and the classes of the libraries traced with no code change. They are kept in the runtime
 * jar's cache folder ({@code <java.io.tmpdir>/weft-<user>}, see {@link RuntimeJarCache}) so that
 * later starts of the same agent build on the same JDK hand the JVM the woven class at once,
 * without Byte Buddy: weaving {@code Thread} alone, the one such class loaded before the agent
 * starts, took about 150 ms of CPU at every start, and the first class woven on the application's
 * main thread took that thread about 75 ms: nearly all of it Byte Buddy's code running for the
 * first time. Classes left as they were (a library class with none of the hooked methods) are kept
 * as such.
 *
 * <p>An entry holds the class file the JVM gave the transformer, what else decided the weave (the
 * variant: for a library class, the hooks that apply to it in its class loader) and the class file
 * the agent made. It is used only for a byte-for-byte equal class file and an equal variant, so a
 * library or JDK update, another agent transforming the class first, or any other difference makes
 * a miss and a fresh weave, whose result replaces the entry. The entry's name (a checksum of the
 * agent build, the JDK, the class's name and the variant) only finds the candidate; its woven class
 * file carries a CRC-32 that is checked before use, as the JVM does not verify JDK classes. Entries
 * are written under a temporary name and renamed, so a JVM starting at the same time never reads
 * half of one. A start that uses an entry marks it used (its modification time, at most once a
 * day); the first start to store an entry removes the entries no start has used for a week, as each
 * agent build and JDK makes its own.
 *
 * <p>The cache is used only when the runtime jar itself comes from the cache folder, whose owner
 * and permissions that check has just checked: the folder then exists, belongs to the user and is
 * open to no one else. Anything unexpected (a missing or unreadable entry, a damaged one) is a
 * miss.
 */
final class WovenClassCache {
  private static final String PREFIX = "weft-woven-";
  private static final int MAGIC = 0x5745_4654; // "WEFT"
  private static final int FORMAT = 2;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** What {@link #find} answers for a class that was left as it was. */
  static final byte[] NOT_WOVEN = new byte[0];

  private static final int MAX_CLASS_BYTES = 64 << 20;

  private final Path dir;
  private final String identity;
  private final AtomicBoolean pruned = new AtomicBoolean();

  private WovenClassCache(Path dir, String identity) {
    this.dir = dir;
    this.identity = identity;
  }

  /**
   * Returns the cache of the agent build whose runtime jar is {@code runtime}, or null when that
   * jar is not the cached copy of a build: every start then weaves every class.
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

  /**
   * Returns what was made of {@code classFile} at an earlier start: its woven class file, {@link
   * #NOT_WOVEN} when it was left as it was, or null when the cache does not know.
   *
   * @param variant what else decided the weave ({@link WeavingTransformer.Weaving#cacheVariant})
   */
  byte[] find(String internalName, String variant, byte[] classFile) {
    Path file = dir.resolve(fileName(internalName, variant));
    try {
      BasicFileAttributes attributes = regularFile(file);
      if (attributes == null) {
        return null;
      }
      long size = attributes.size();
      if (size > 2L * MAX_CLASS_BYTES + 4096) {
        return null;
      }
      // Read whole, with one read: a data stream straight on the file reads each number with a
      // system call of its own, which made a cached class cost more than a hundred of them.
      byte[] entry = new byte[(int) size];
      try (SeekableByteChannel channel = Files.newByteChannel(file, NOFOLLOW)) {
        ByteBuffer into = ByteBuffer.wrap(entry);
        while (into.hasRemaining() && channel.read(into) > 0) {
          // reads until the entry is whole
        }
        if (into.hasRemaining() || channel.read(ByteBuffer.allocate(1)) > 0) {
          return null; // changed while read
        }
      }
      byte[] woven =
          read(
              new DataInputStream(new ByteArrayInputStream(entry)),
              internalName,
              variant,
              classFile);
      if (woven != null) {
        markUsed(file, attributes.lastModifiedTime().toMillis());
      }
      return woven;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads an entry; returns what it holds when it was made from {@code classFile} and is intact,
   * else null.
   */
  private static byte[] read(
      DataInputStream in, String internalName, String variant, byte[] classFile)
      throws IOException {
    if (in.readInt() != MAGIC
        || in.readInt() != FORMAT
        || !in.readUTF().equals(internalName)
        || !in.readUTF().equals(variant)) {
      return null;
    }
    int originalLength = in.readInt();
    int wovenLength = in.readInt();
    long wovenCrc = in.readLong();
    if (originalLength != classFile.length || wovenLength < 0 || wovenLength > MAX_CLASS_BYTES) {
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
    return wovenLength == 0 ? NOT_WOVEN : woven;
  }

  /**
   * Keeps what was made of {@code classFile}: {@code woven}, or null when it was left as it was.
   * Failures are ignored.
   */
  void store(String internalName, String variant, byte[] classFile, byte[] woven) {
    byte[] content = woven == null ? NOT_WOVEN : woven;
    Path temporary = null;
    try {
      temporary = Files.createTempFile(dir, PREFIX, ".part");
      // Made in memory and written at once, rather than a system call per number.
      ByteArrayOutputStream entry =
          new ByteArrayOutputStream(classFile.length + content.length + 256);
      try (DataOutputStream out = new DataOutputStream(entry)) {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(internalName);
        out.writeUTF(variant);
        out.writeInt(classFile.length);
        out.writeInt(content.length);
        out.writeLong(crc(content));
        out.write(classFile);
        out.write(content);
      }
      try (OutputStream file = Files.newOutputStream(temporary)) {
        entry.writeTo(file);
      }
      Files.move(
          temporary,
          dir.resolve(fileName(internalName, variant)),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
      if (pruned.compareAndSet(false, true)) {
        RuntimeJarCache.removeUnused(dir, PREFIX + "*.{class,part,note}", null);
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
   * Returns whether an earlier start noted {@code fact} ({@link #note}), marking the note used.
   * Notes outlive agent builds: they say something about the application, not about a weave.
   */
  boolean noted(String fact) {
    Path file = dir.resolve(noteName(fact));
    try {
      BasicFileAttributes attributes = regularFile(file);
      if (attributes == null) {
        return false;
      }
      markUsed(file, attributes.lastModifiedTime().toMillis());
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Notes {@code fact} for later starts, as an empty file named by its checksum; a note no start
   * has read for a week is removed with the unused entries. Failures are ignored.
   */
  void note(String fact) {
    try {
      Files.createFile(dir.resolve(noteName(fact)));
    } catch (IOException | RuntimeException e) {
      // Noted already, or not at all: the next start goes without.
    }
  }

  /** Removes the note of {@code fact}, if any. Failures are ignored. */
  void forget(String fact) {
    try {
      Files.deleteIfExists(dir.resolve(noteName(fact)));
    } catch (IOException | RuntimeException e) {
      // Read again by the next start, which tries again.
    }
  }

  private static String noteName(String fact) {
    return PREFIX + Long.toHexString(crc(fact.getBytes(StandardCharsets.UTF_8))) + ".note";
  }

  /**
   * The entry's name: a checksum of the agent build, the JDK, the class's name and the variant. One
   * entry per class and variant, so a class file that differs at every start (another agent's
   * weaving, say) replaces its entry rather than adding one each time.
   */
  private String fileName(String internalName, String variant) {
    byte[] key = (identity + "\n" + internalName + "\n" + variant).getBytes(StandardCharsets.UTF_8);
    return PREFIX + Long.toHexString(crc(key)) + ".class";
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length);
    return crc.getValue();
  }

  /**
   * Returns the attributes of {@code file}, read without following a link, or null when it is not a
   * regular file.
   */
  private static BasicFileAttributes regularFile(Path file) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
    return attributes.isRegularFile() ? attributes : null;
  }

  /**
   * Marks the entry used, as {@link RuntimeJarCache} marks its copies: its modification time, set
   * when it was last set more than a day ago.
   */
  private static void markUsed(Path file, long lastModified) {
    long now = System.currentTimeMillis();
    if (now - lastModified >= RuntimeJarCache.CHECKED_EVERY_MILLIS || now < lastModified) {
      RuntimeJarCache.markChecked(file, now);
    }
  }
}
