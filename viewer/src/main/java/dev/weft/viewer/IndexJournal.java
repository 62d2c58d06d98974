package dev.weft.viewer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The viewer's list of traces: an append-only series of small script files, each line one {@code
 * weft.entry({...});} statement.
 *
 * <p>Appending costs one locked write, whatever the number of traces. A line torn by a crash (disk
 * full, power loss) makes only its own segment unreadable, and the next append cuts the torn tail
 * off before writing, so the damage lasts until the next trace at most. Segments are closed after
 * {@link #SEGMENT_ENTRIES} lines and never touched again. The page loads {@code 000000.js}, {@code
 * 000001.js}, … until one is missing.
 */
final class IndexJournal {

  /** The folder of segments, relative to the trace folder. */
  static final String DIRECTORY = "weft-index";

  /** Lines per segment; bounds both what one torn line can hide and how much a reader re-reads. */
  static final int SEGMENT_ENTRIES = 250;

  private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{6}\\.js");

  /** Where each folder's current segment is, per JVM; other processes may append too. */
  private static final Map<Path, Cursor> CURSORS = new ConcurrentHashMap<>();

  private IndexJournal() {}

  private static final class Cursor {
    int segment = -1;
    int lines;
  }

  /** Appends one entry (JSON already made safe for scripts) to the index of {@code traceDir}. */
  static void append(Path traceDir, String entryJson) throws IOException {
    appendAll(traceDir, List.of(entryJson));
  }

  /**
   * Appends entries (JSON already made safe for scripts) to the index of {@code traceDir}, in
   * order, with one locked write per segment they go to: a batch of traces costs what one trace
   * costs.
   */
  static void appendAll(Path traceDir, List<String> entriesJson) throws IOException {
    if (entriesJson.isEmpty()) {
      return;
    }
    Path indexDir = traceDir.toAbsolutePath().normalize().resolve(DIRECTORY);
    Cursor cursor = CURSORS.computeIfAbsent(indexDir, k -> new Cursor());
    synchronized (cursor) {
      if (cursor.segment < 0 || !Files.isDirectory(indexDir)) {
        Files.createDirectories(indexDir);
        cursor.segment = Math.max(0, lastSegment(indexDir));
        cursor.lines = -1;
      }
      int next = 0;
      while (next < entriesJson.size()) {
        // Until the lines of the segment are counted, one line goes first to count them.
        int room = cursor.lines < 0 ? 1 : SEGMENT_ENTRIES - cursor.lines;
        int end = Math.min(entriesJson.size(), next + room);
        StringBuilder lines = new StringBuilder(256 * (end - next));
        for (String entryJson : entriesJson.subList(next, end)) {
          lines.append("weft.entry(").append(entryJson).append(");\n");
        }
        Path segment = indexDir.resolve(segmentName(cursor.segment));
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        int counted = appendLines(segment, bytes, end - next, cursor.lines < 0);
        cursor.lines = counted >= 0 ? counted : cursor.lines + (end - next);
        if (cursor.lines >= SEGMENT_ENTRIES) {
          cursor.segment++;
          cursor.lines = 0;
        }
        next = end;
      }
    }
  }

  /** Forgets what this JVM knows of the index of {@code traceDir}, after it was rebuilt. */
  static void forget(Path traceDir) {
    CURSORS.remove(traceDir.toAbsolutePath().normalize().resolve(DIRECTORY));
  }

  static String segmentName(int segment) {
    // Not String.format: its first use loads the formatter and the regex engine, about 10 ms on
    // the exit path of a short-lived application, whose first export names a segment.
    String digits = Integer.toString(segment);
    return "000000".substring(Math.min(6, digits.length())) + digits + ".js";
  }

  /** The highest segment number in {@code indexDir}, or -1 when there is none. */
  static int lastSegment(Path indexDir) throws IOException {
    int last = -1;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(indexDir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (SEGMENT_NAME.matcher(name).matches()) {
          last = Math.max(last, Integer.parseInt(name.substring(0, 6)));
        }
      }
    }
    return last;
  }

  /**
   * Appends {@code lines} ({@code added} of them) under an exclusive lock, first cutting a torn
   * last line off.
   *
   * @return the number of lines now in the segment when {@code count} is set, else -1
   */
  private static int appendLines(Path segment, byte[] lines, int added, boolean count)
      throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                segment,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      long size = channel.size();
      int counted = -1;
      if (count || (size > 0 && lastByte(channel, size) != '\n')) {
        byte[] content = readAll(channel, size);
        int end = content.length;
        while (end > 0 && content[end - 1] != '\n') {
          end--;
        }
        if (end < content.length) {
          channel.truncate(end);
          size = end;
        }
        counted = 0;
        for (int i = 0; i < end; i++) {
          if (content[i] == '\n') {
            counted++;
          }
        }
      }
      ByteBuffer buffer = ByteBuffer.wrap(lines);
      long position = size;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      return counted < 0 ? -1 : counted + added;
    }
  }

  private static byte lastByte(FileChannel channel, long size) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, size - 1);
    return one.get(0);
  }

  private static byte[] readAll(FileChannel channel, long size) throws IOException {
    ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
    int read;
    do {
      read = channel.read(all, all.position());
    } while (read > 0 && all.hasRemaining());
    return all.array();
  }
}
