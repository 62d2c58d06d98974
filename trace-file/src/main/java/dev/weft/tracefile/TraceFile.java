package dev.weft.tracefile;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import java.util.List;

/**
 * One trace read back from a file the {@code json} exporter wrote: its record and its spans in the
 * order of the file, each span read-only and linked to its parent.
 *
 * @param trace the trace record; {@code endedAtMicros} is 0 when the trace was written still open
 * @param spans the spans, read-only; never null
 * @param skippedSpans how many entries of {@code spans} were not span objects and were left out
 */
public record TraceFile(TraceRecord trace, List<SpanRecord> spans, int skippedSpans) {

  /** Creates a trace file, copying the span list. */
  public TraceFile {
    spans = List.copyOf(spans);
  }
}
