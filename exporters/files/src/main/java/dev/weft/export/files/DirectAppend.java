package dev.weft.export.files;

import dev.weft.internal.WeftLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends to a file with direct I/O ({@code O_DIRECT}): the bytes go from an aligned buffer to the
 * disk without passing through the page cache. A file exporter that writes hundreds of megabytes a
 * second through the page cache grows it by as much, evicting what the application keeps there; on
 * a virtual machine each new page of it also waits for the host, which held the {@code jsonl}
 * exporter to about 430 MB/s on a machine whose disk takes 1.6 GB/s.
 *
 * <p>Direct I/O writes whole blocks at block boundaries, so only a write of whole blocks that
 * starts where the file ends on a block boundary is written this way; the caller pads its lines to
 * that. Where the file system refuses direct I/O (a pipe, {@code tmpfs} on older kernels, a network
 * file system), or a write is refused because the file's end moved off a block boundary (another
 * process appended to it), {@link #write} returns false and the caller writes through the page
 * cache as before; once such a write has gone through there, direct I/O is not tried again.
 *
 * <p>Used by one thread at a time: the caller's lock and hand-over order the calls.
 */
final class DirectAppend implements AutoCloseable {
  // Larger blocks (some network and copy-on-write file systems report hundreds of kilobytes) would
  // pad each batch by as much.
  static final int MAX_BLOCK = 4096;
  // A buffer grown for an unusually large batch is not kept beyond this.
  private static final int MAX_KEPT_BUFFER = 4 << 20;

  private final Path file;
  private final FileChannel channel;
  private final int block;
  private ByteBuffer aligned;
  private boolean refused;

  private DirectAppend(Path file, FileChannel channel, int block) {
    this.file = file;
    this.channel = channel;
    this.block = block;
  }

  /**
   * Opens {@code file}, which exists, for direct appends; returns null where that is not possible:
   * not a regular file, a file system without direct I/O or with blocks larger than 4 KiB, a JDK
   * without {@code com.sun.nio.file.ExtendedOpenOption}.
   */
  static DirectAppend open(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      long block = Files.getFileStore(file).getBlockSize();
      if (block <= 0 || block > MAX_BLOCK || Long.bitCount(block) != 1) {
        return null;
      }
      OpenOption direct = com.sun.nio.file.ExtendedOpenOption.DIRECT;
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, direct);
      return new DirectAppend(file, channel, (int) block);
    } catch (IOException | UnsupportedOperationException | LinkageError e) {
      WeftLog.log(
          WeftLog.Level.DEBUG,
          "file exporter: " + file + " is written through the page cache (" + e + ")",
          null);
      return null;
    }
  }

  /** Returns the block size writes are aligned to. */
  int block() {
    return block;
  }

  /**
   * Returns how many bytes must be added to {@code length} bytes appended at {@code fileSize} for
   * the file to end on a block boundary.
   */
  int paddingAfter(long fileSize, int length) {
    return (int) (-(fileSize + length) & (block - 1));
  }

  /**
   * Appends {@code bytes} (from its position to its limit, a whole number of blocks, the file
   * ending on a block boundary) with direct I/O, and moves its position past what was written.
   * Returns false, with nothing written, when direct I/O is not used or was refused for this write;
   * the caller then writes the bytes through the page cache and calls {@link #refusedThenWritten}
   * if that works. Throws when a write failed after some of the bytes were written.
   */
  boolean write(ByteBuffer bytes) throws IOException {
    if (refused) {
      return false;
    }
    int length = bytes.remaining();
    ByteBuffer buffer = buffer(length);
    int from = bytes.position();
    buffer.put(bytes.duplicate()).flip();
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      if (buffer.position() == 0) {
        return false;
      }
      bytes.position(from + buffer.position());
      throw e;
    } finally {
      if (buffer.capacity() > MAX_KEPT_BUFFER) {
        aligned = null;
      }
    }
    bytes.position(from + length);
    return true;
  }

  /**
   * Notes that a write direct I/O refused went through the page cache: the file system or the
   * file's end is the cause, not the disk, so later writes go through the page cache too.
   */
  void refusedThenWritten() {
    if (!refused) {
      refused = true;
      WeftLog.log(
          WeftLog.Level.DEBUG,
          "file exporter: " + file + " refused a direct write; written through the page cache",
          null);
    }
  }

  private ByteBuffer buffer(int length) {
    if (aligned == null || aligned.capacity() < length) {
      int capacity = (Math.max(length, 256 * 1024) + block - 1) & -block;
      aligned = ByteBuffer.allocateDirect(capacity + block).alignedSlice(block);
    }
    aligned.clear();
    return aligned;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
