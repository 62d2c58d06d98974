package dev.weft.export;

import dev.weft.Span;
import dev.weft.TraceRecord;
import dev.weft.processor.SpanExporter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends one JSON line per trace start, span end and trace end to a file, flushed at once, so a
 * crash loses at most the spans still open.
 *
 * <p>Trace lines are trace objects with {@code started_at} and {@code ended_at} ({@code null} at
 * start); span lines are span objects.
 */
public final class JsonlExporter implements SpanExporter {
  private final Path file;
  private final Writer writer;

  private JsonlExporter(Path file, Writer writer) {
    this.file = file;
    this.writer = writer;
  }

  /** Returns an exporter appending to {@code file}, creating it and its folder when missing. */
  public static JsonlExporter create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Writer writer =
        new BufferedWriter(
            Files.newBufferedWriter(
                file,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE));
    return new JsonlExporter(file, writer);
  }

  /** Returns the file written to. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void export(List<TraceRecord> traces, List<Span> spans) throws IOException {
    for (TraceRecord trace : traces) {
      writeLine(trace, null);
    }
    for (Span span : spans) {
      writeLine(null, span);
    }
    writer.flush();
  }

  private void writeLine(TraceRecord trace, Span span) throws IOException {
    // A line is built whole before it is written, so a failure cannot leave half a line behind.
    String line =
        trace != null ? TraceJson.traceToString(trace, true) : TraceJson.spanToString(span);
    writer.write(line);
    writer.write('\n');
  }

  @Override
  public synchronized void flush() throws IOException {
    writer.flush();
  }

  @Override
  public synchronized void shutdown() throws IOException {
    writer.close();
  }
}
