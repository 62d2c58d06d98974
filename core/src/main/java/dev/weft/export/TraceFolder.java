package dev.weft.export;

import java.io.IOException;
import java.nio.file.Path;

/** The browser viewer kept next to the trace files of a folder. */
final class TraceFolder {
  private TraceFolder() {}

  static void prepare(Path dir) throws IOException {}

  static void traceWritten(Path dir, String traceId, byte[] traceFile) throws IOException {}
}
