package dev.weft.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The trace ids a folder's index lists, for a reader that indexes files others may have listed
 * already ({@code weft serve}). Each question reads only what was appended since the last; an index
 * that shrank (rebuilt) is read again from its start. Thread-safe.
 */
public final class IndexListing {
  private static final String LINE_START = "weft.entry({\"id\":\"";

  private final Path indexDir;
  private final Set<String> ids = new HashSet<>();
  private int segment;
  private long offset;
  // The file read last, to tell a segment rebuilt under the same name from one appended to.
  private Object fileKey;

  /** Reads the index of the trace folder {@code dir}. */
  public IndexListing(Path dir) {
    this.indexDir = dir.resolve(IndexJournal.DIRECTORY);
  }

  /**
   * Returns whether the index lists {@code traceId} and was last written at or after {@code
   * modified}: the entry then describes the trace file as it was at that time or later.
   */
  public synchronized boolean listsAsOf(String traceId, FileTime modified) throws IOException {
    FileTime changed = readNew();
    return changed != null && ids.contains(traceId) && changed.compareTo(modified) >= 0;
  }

  /** Reads the lines appended since the last call; returns when the index last changed, or null. */
  private FileTime readNew() throws IOException {
    FileTime changed = null;
    while (true) {
      Path file = indexDir.resolve(IndexJournal.segmentName(segment));
      byte[] content;
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (offset > 0 && !Objects.equals(attributes.fileKey(), fileKey)) {
          restart(); // another file under the same name: the index was rebuilt
          continue;
        }
        fileKey = attributes.fileKey();
        changed = attributes.lastModifiedTime();
        content = readFrom(file, offset);
      } catch (NoSuchFileException e) {
        if (segment > 0 && offset == 0 && !Files.exists(previous())) {
          restart(); // rebuilt with fewer segments
          continue;
        }
        return segment == 0 ? null : Files.getLastModifiedTime(previous());
      }
      if (content == null) {
        restart(); // shorter than what was read: rebuilt
        continue;
      }
      int end = content.length;
      while (end > 0 && content[end - 1] != '\n') {
        end--; // a line still being written is read next time
      }
      String lines = new String(content, 0, end, StandardCharsets.UTF_8);
      for (String line : lines.split("\n")) {
        if (line.startsWith(LINE_START)) {
          int close = line.indexOf('"', LINE_START.length());
          if (close > 0) {
            ids.add(line.substring(LINE_START.length(), close));
          }
        }
      }
      offset += end;
      if (!Files.exists(indexDir.resolve(IndexJournal.segmentName(segment + 1)))) {
        return changed;
      }
      segment++;
      offset = 0;
    }
  }

  private Path previous() {
    return indexDir.resolve(IndexJournal.segmentName(segment - 1));
  }

  private void restart() {
    ids.clear();
    segment = 0;
    offset = 0;
    fileKey = null;
  }

  /** The bytes of {@code file} from {@code offset}, or null when it is shorter than that. */
  private static byte[] readFrom(Path file, long offset) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      if (in.skip(offset) < offset) {
        return null;
      }
      return in.readAllBytes();
    }
  }
}
