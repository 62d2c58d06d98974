package dev.weft.export.files;

import dev.weft.internal.WeftLog;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The failures of one file exporter to write where it is configured to: the first is said on
 * stderr, once, with the place and the reason in words; the others are not. A folder that stays
 * read-only, or a disk that stays full, would otherwise print a line for every trace. Used under
 * the exporter's lock.
 */
final class WriteFailures {
  private final String exporter;
  private final Path target;
  private boolean said;

  /**
   * Returns the failures of the exporter named {@code exporter} in {@code weft.exporters} writing
   * to {@code target}, a folder or a file.
   */
  WriteFailures(String exporter, Path target) {
    this.exporter = exporter;
    this.target = target;
  }

  /** Notes a write that failed, saying so when it is the first. */
  void record(IOException failure) {
    if (!said) {
      said = true;
      WeftLog.log(
          WeftLog.Level.ERROR,
          cannotWrite(exporter, target, failure)
              + "; those it cannot write are not written anywhere, and this is said once",
          null);
    }
  }

  /**
   * Says that an exporter cannot start because {@code target} cannot be made or opened: its traces
   * are not written anywhere.
   */
  static void cannotStart(String exporter, Path target, IOException failure) {
    WeftLog.log(
        WeftLog.Level.ERROR,
        cannotWrite(exporter, target, failure) + "; they are not written anywhere",
        null);
  }

  private static String cannotWrite(String exporter, Path target, IOException failure) {
    return exporter
        + " exporter: traces cannot be written to "
        + target.toAbsolutePath()
        + " ("
        + reason(failure)
        + ")";
  }

  /**
   * Returns why a file operation failed, in the operating system's words ("read-only file system",
   * "no space left on device"). Only the JDK's own file errors are read for their text, which names
   * the failure and at most a path; any other exception is named by its class, since its message
   * could hold captured content.
   */
  static String reason(Exception failure) {
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (failure instanceof FileAlreadyExistsException) {
      // Thrown by Files.createDirectories when the path is a file.
      return "exists and is not a directory";
    }
    String words = null;
    if (failure.getClass() == FileSystemException.class) {
      words = ((FileSystemException) failure).getReason();
    } else if (failure.getClass() == IOException.class) {
      // The message of a failed read or write on an open file is the system's text, e.g. "File too
      // large".
      words = failure.getMessage();
    }
    return words == null || words.isBlank()
        ? failure.getClass().getSimpleName()
        : words.toLowerCase(Locale.ROOT);
  }
}
