package dev.weft.tracefile;

import java.io.IOException;

/** Thrown when a trace file is not shaped as the {@code json} exporter writes it. */
public final class MalformedTraceFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file and what is wrong. */
  public MalformedTraceFileException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the parse failure behind it. */
  public MalformedTraceFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
