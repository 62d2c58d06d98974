package dev.weft.export.files;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.internal.WeftLog;
import dev.weft.processor.SpanExporter;
import dev.weft.tracefile.TraceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Appends one JSON line per trace start, span end and trace end to a file.
 *
 * <p>A batch of a few records, as a direct processor hands them over, is written before {@link
 * #export} returns. A larger one is serialised on the caller's thread and written by a thread of
 * the exporter's own ({@code weft-jsonl-writer}) while the next batch is serialised, so the
 * kernel's copy into the page cache and the serialisation take two cores instead of one; {@link
 * #flush} and {@link #shutdown} wait for it. The batch processor exports at least once per {@code
 * weft.batch.schedule-delay-ms} (a second by default) and at exit, so a crash loses at most the
 * records of that last interval, the batch being written, and the spans still open.
 *
 * <p>Where the file system takes it, a larger batch is written with direct I/O ({@link
 * DirectAppend}), past the page cache, its last line padded with spaces to a block boundary.
 *
 * <p>Trace lines are trace objects with {@code started_at} and {@code ended_at} ({@code null} at
 * start); span lines are span objects.
 *
 * <p>A write that fails half way (a full disk, a file size limit) is cut back to the last whole
 * line, so every line of the file parses; the lines that did not fit are lost, and the first such
 * failure is said once on stderr, with the file and the reason.
 *
 * <p>A process killed during a write ({@code kill -9}, the machine losing power) can leave the end
 * of a line out: Linux completes a write to a file page by page and stops between pages when the
 * process is killed. The next exporter that opens the file removes that incomplete last line before
 * it appends, and says so once.
 */
public final class JsonlExporter implements SpanExporter {
  // A batch of unusually long lines grows its buffer; beyond this it is not kept for the next.
  private static final int MAX_KEPT_BUFFER = 4 << 20;
  // Batches of up to this many records are written before export returns.
  private static final int WRITTEN_AT_ONCE = 4;
  // How every line this exporter writes begins.
  private static final byte[] OUR_LINE_START =
      "{\"object\":\"trace".getBytes(StandardCharsets.US_ASCII);
  // What a last line is padded with: less than a block.
  private static final byte[] SPACES =
      " ".repeat(DirectAppend.MAX_BLOCK).getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final FileChannel out;
  // Null when the file system does not take direct writes.
  private final DirectAppend direct;
  private final WriteFailures failures;
  // Reused from batch to batch: the lines are serialised straight into them as UTF-8. While the
  // writer thread writes one, the next batch is serialised into the other.
  private final LineBuffer[] buffers = {new LineBuffer(), new LineBuffer()};
  private final Future<?>[] pending = new Future<?>[buffers.length];
  private int slot;
  private final ExporterThread writer = new ExporterThread("weft-jsonl-writer");
  // Set when a cut-off line could not be cut back: later lines would be glued to it.
  private volatile boolean stopped;

  private JsonlExporter(Path file, FileChannel out, DirectAppend direct) {
    this.file = file;
    this.out = out;
    this.direct = direct;
    this.failures = new WriteFailures("jsonl", file);
  }

  /** Returns an exporter appending to {@code file}, creating it and its folder when missing. */
  public static JsonlExporter create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    try {
      removeIncompleteLastLine(file, out);
    } catch (IOException e) {
      out.close();
      throw e;
    }
    return new JsonlExporter(file, out, DirectAppend.open(file));
  }

  /**
   * Removes what an earlier process killed in the middle of a write left after the file's last line
   * break: the start of one of our lines. A tail that is not ours (the file was written by
   * something else) is kept, and a line break is added so that our first line starts a line of its
   * own.
   *
   * <p>The kernel orders a write and a truncation of one file, so another process appending to the
   * same file is never cut: its writes are whole when this one looks.
   */
  private static void removeIncompleteLastLine(Path file, FileChannel out) throws IOException {
    if (!Files.isRegularFile(file) || out.size() == 0 || !Files.isReadable(file)) {
      return; // a device or a pipe (/dev/stdout) has no last line to mend
    }
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      removeIncompleteLastLine(file, in, out);
    }
  }

  private static void removeIncompleteLastLine(Path file, FileChannel in, FileChannel out)
      throws IOException {
    long size = in.size();
    if (size == 0 || byteAt(in, size - 1) == '\n') {
      return;
    }
    long lineStart = size - 1;
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    search:
    while (lineStart > 0) {
      long from = Math.max(0, lineStart - chunk.capacity());
      chunk.clear().limit((int) (lineStart - from));
      while (chunk.hasRemaining() && in.read(chunk, from + chunk.position()) > 0) {
        // reads until the chunk is full
      }
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          lineStart = from + i + 1;
          break search;
        }
      }
      lineStart = from;
    }
    byte[] head = new byte[(int) Math.min(OUR_LINE_START.length, size - lineStart)];
    in.read(ByteBuffer.wrap(head), lineStart);
    if (Arrays.equals(head, Arrays.copyOf(OUR_LINE_START, head.length))) {
      out.truncate(lineStart);
      WeftLog.log(
          WeftLog.Level.WARN,
          "jsonl exporter: "
              + file.toAbsolutePath()
              + " ended with an incomplete line, left by a process stopped while writing it;"
              + " removed its "
              + (size - lineStart)
              + " bytes",
          null);
    } else {
      out.write(ByteBuffer.wrap(new byte[] {'\n'}));
    }
  }

  private static byte byteAt(FileChannel channel, long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, position);
    return one.get(0);
  }

  /** Returns the file written to. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void export(List<TraceRecord> traces, List<SpanRecord> spans)
      throws IOException {
    if (stopped || (traces.isEmpty() && spans.isEmpty())) {
      return;
    }
    awaitWritten(slot);
    LineBuffer lines = buffers[slot];
    lines.reset();
    TraceJson.writeLines(lines, traces, spans);
    if (traces.size() + spans.size() <= WRITTEN_AT_ONCE) {
      // A record or two, as a direct processor hands them over: written before this returns.
      flush();
      write(lines, false);
    } else {
      pending[slot] = writer.submit(() -> write(lines, true));
      slot = (slot + 1) % buffers.length;
    }
  }

  /** Returns once every batch handed to the writer thread has been written. */
  @Override
  public synchronized void flush() {
    for (int i = 0; i < buffers.length; i++) {
      awaitWritten(i);
    }
  }

  /** Waits until the batch in {@code slot} is written. */
  private void awaitWritten(int slot) {
    Future<?> write = pending[slot];
    pending[slot] = null;
    ExporterThread.await(write, "jsonl exporter: a write");
  }

  /**
   * Writes whole lines with one unbuffered write: only a kill during it can leave half a line,
   * which the next exporter to open the file removes.
   *
   * <p>A large batch is written with direct I/O where the file system takes it: its last line is
   * padded with spaces before its line break so that the file ends on a block boundary, which is
   * where the next direct write must start. A batch of a few records is not padded (that would make
   * a line of each record a block long); the next large batch, finding the file's end off a
   * boundary, goes through the page cache and is padded back onto one.
   */
  private void write(LineBuffer lines, boolean large) {
    if (stopped) {
      return;
    }
    ByteBuffer bytes = lines.bytes();
    try {
      boolean directRefused = false;
      if (large && direct != null) {
        long size = out.size();
        lines.padLastLine(direct.paddingAfter(size, lines.size()));
        bytes = lines.bytes();
        if ((size & (direct.block() - 1)) == 0) {
          if (direct.write(bytes)) {
            lines.trim();
            return;
          }
          directRefused = true;
        }
      }
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      if (directRefused) {
        direct.refusedThenWritten();
      }
    } catch (IOException e) {
      failures.record(e);
      cutBackToLastWholeLine(bytes);
    }
    lines.trim();
  }

  /**
   * Removes the part of the last line that a failed write left at the end of the file: the bytes
   * written after the last line break among those written.
   */
  private void cutBackToLastWholeLine(ByteBuffer bytes) {
    int written = bytes.position();
    int wholeLines = written;
    while (wholeLines > 0 && bytes.get(wholeLines - 1) != '\n') {
      wholeLines--;
    }
    if (wholeLines == written) {
      return;
    }
    try {
      out.truncate(out.size() - (written - wholeLines));
    } catch (IOException e) {
      stopped = true;
      WeftLog.log(
          WeftLog.Level.ERROR,
          "jsonl exporter: "
              + file.toAbsolutePath()
              + " ends with a cut-off line that could not be removed ("
              + WriteFailures.reason(e)
              + "); nothing more is written to it",
          null);
    }
  }

  @Override
  public synchronized void shutdown() throws IOException {
    flush();
    writer.stop();
    out.close();
    if (direct != null) {
      direct.close();
    }
  }

  /** A byte sink whose content is read in place, without the copy {@code toByteArray} makes. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(64 * 1024);
    }

    ByteBuffer bytes() {
      return ByteBuffer.wrap(buf, 0, count);
    }

    /**
     * Puts {@code spaces} spaces before the final line break: after a JSON value, white space is
     * part of the line's JSON text, so the line parses as before.
     */
    void padLastLine(int spaces) {
      if (spaces == 0 || count == 0) {
        return;
      }
      write(SPACES, 0, spaces);
      buf[count - spaces - 1] = ' ';
      buf[count - 1] = '\n';
    }

    /** Lets an unusually large buffer go rather than keep it for the next chunk. */
    void trim() {
      if (buf.length > MAX_KEPT_BUFFER) {
        buf = new byte[64 * 1024];
      }
      count = 0;
    }
  }

  @Override
  public boolean writesLocally() {
    return true;
  }
}
