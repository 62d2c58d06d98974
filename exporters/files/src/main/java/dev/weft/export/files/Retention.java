package dev.weft.export.files;

import dev.weft.internal.WeftLog;
import dev.weft.viewer.TraceFolderViewer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps a trace folder within {@code weft.json.retention.max-traces} trace files and {@code
 * weft.json.retention.max-age}: the oldest files (by the time they were written) beyond either
 * limit are deleted, with their viewer data, and the viewer's index is rebuilt so it lists only the
 * files that remain.
 *
 * <p>Rebuilding the index reads every file kept, so it is not done for each trace written: past the
 * count, the folder goes down to a tenth below it, and ages are checked at most once a minute.
 */
final class Retention {
  private static final Duration AGE_CHECK_INTERVAL = Duration.ofMinutes(1);

  private final int maxTraces;
  private final Duration maxAge;
  private Instant nextAgeCheck = Instant.MIN;

  /**
   * @param maxTraces the most trace files kept, or 0 for no limit
   * @param maxAge the oldest a kept file may be, or null for no limit
   */
  Retention(int maxTraces, Duration maxAge) {
    this.maxTraces = maxTraces;
    this.maxAge = maxAge;
  }

  /** Returns whether any limit applies. */
  boolean limits() {
    return maxTraces > 0 || maxAge != null;
  }

  /**
   * Deletes what is beyond the limits when the count is passed or an age check is due; returns how
   * many trace files were deleted.
   */
  synchronized int apply(Path dir, Instant now) {
    if (!limits()) {
      return 0;
    }
    try {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "trace_*.json")) {
        listing.forEach(files::add);
      }
      List<Entry> entries = new ArrayList<>();
      for (Path file : files) {
        try {
          entries.add(new Entry(file, Files.getLastModifiedTime(file)));
        } catch (NoSuchFileException e) {
          // deleted meanwhile
        }
      }
      entries.sort(Comparator.comparing(Entry::written).reversed());
      int deleted = 0;
      for (int i = 0; i < entries.size(); i++) {
        Entry entry = entries.get(i);
        boolean tooMany = maxTraces > 0 && i >= maxTraces;
        boolean tooOld = maxAge != null && entry.written().toInstant().isBefore(now.minus(maxAge));
        if (tooMany || tooOld) {
          // Its viewer data goes with the rebuild below, which keeps only what the index names.
          Files.deleteIfExists(entry.file());
          deleted++;
        }
      }
      if (deleted > 0) {
        TraceFolderViewer.rebuildIndex(dir);
      }
      return deleted;
    } catch (IOException | RuntimeException e) {
      WeftLog.warnRateLimited(
          "json-retention",
          "json exporter: old trace files in " + dir + " could not be removed",
          e);
      return 0;
    }
  }

  /**
   * Reads a duration such as {@code 7d}, {@code 12h}, {@code 30m} or {@code 45s}; null when the
   * text is not one.
   */
  static Duration parseAge(String text) {
    if (text == null || text.length() < 2) {
      return null;
    }
    String value = text.strip();
    long amount;
    try {
      amount = Long.parseLong(value.substring(0, value.length() - 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (amount <= 0) {
      return null;
    }
    return switch (value.charAt(value.length() - 1)) {
      case 'd' -> Duration.ofDays(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 's' -> Duration.ofSeconds(amount);
      default -> null;
    };
  }

  private record Entry(Path file, FileTime written) {}
}
