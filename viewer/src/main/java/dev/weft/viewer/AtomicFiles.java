package dev.weft.viewer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** Whole-file writes that readers see either before or after, never half done. */
final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to a temporary file next to {@code target}, then renames it over {@code
   * target}, so a reader or a crash never sees a partial file.
   */
  static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp =
        dir.resolve(
            "."
                + target.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    boolean moved = false;
    try {
      try {
        writeNew(temp, bytes);
      } catch (NoSuchFileException e) {
        // The folder is made only when missing: trying to make it before every write costs a
        // failed system call and an exception per file.
        Files.createDirectories(dir);
        writeNew(temp, bytes);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Writes {@code bytes} as {@link #write} does, unless {@code target} already holds exactly them,
   * so a reader's cached copy and the file's time stay as they were.
   */
  static void writeUnlessSame(Path target, byte[] bytes) throws IOException {
    if (!holds(target, bytes)) {
      write(target, bytes);
    }
  }

  private static boolean holds(Path file, byte[] content) throws IOException {
    try {
      return Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Opens a new file that nothing refers to yet, to be written in place, which saves a temporary
   * file and a rename; its folder is made when missing. A crash may leave such a file cut short,
   * which harms no one, since only what is written after it (an index line) makes it read.
   */
  static OutputStream openUnreferenced(Path target) throws IOException {
    try {
      return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW);
    } catch (NoSuchFileException e) {
      // Made only when missing: trying before every file costs a failed system call and an
      // exception per file.
      Files.createDirectories(target.toAbsolutePath().getParent());
      return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW);
    }
  }

  /**
   * Writes {@code bytes} to a file that must not exist yet, with as few system calls as it takes.
   */
  static void writeNew(Path file, byte[] bytes) throws IOException {
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
  }
}
