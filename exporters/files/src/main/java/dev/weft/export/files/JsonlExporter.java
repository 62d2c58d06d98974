package dev.weft.export.files;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.processor.SpanExporter;
import dev.weft.tracefile.TraceJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends one JSON line per trace start, span end and trace end to a file, written at once, so a
 * crash loses at most the spans still open.
 *
 * <p>Trace lines are trace objects with {@code started_at} and {@code ended_at} ({@code null} at
 * start); span lines are span objects.
 */
public final class JsonlExporter implements SpanExporter {
  private final Path file;
  private final OutputStream out;

  private JsonlExporter(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /** Returns an exporter appending to {@code file}, creating it and its folder when missing. */
  public static JsonlExporter create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream out =
        Files.newOutputStream(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    return new JsonlExporter(file, out);
  }

  /** Returns the file written to. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void export(List<TraceRecord> traces, List<SpanRecord> spans)
      throws IOException {
    StringBuilder lines = new StringBuilder(256 * (traces.size() + spans.size()));
    for (TraceRecord trace : traces) {
      lines.append(TraceJson.traceToString(trace, true)).append('\n');
    }
    for (SpanRecord span : spans) {
      lines.append(TraceJson.spanToString(span)).append('\n');
    }
    // One unbuffered write per batch of whole lines: a process killed at any point leaves only
    // complete lines behind, where a buffered writer could flush half a long line.
    out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void shutdown() throws IOException {
    out.close();
  }
}
