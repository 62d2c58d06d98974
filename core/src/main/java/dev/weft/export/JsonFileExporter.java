package dev.weft.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.Span;
import dev.weft.TraceRecord;
import dev.weft.internal.WeftLog;
import dev.weft.processor.SpanExporter;
import dev.weft.viewer.TraceFolderViewer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one file {@code <dir>/<trace_id>.json} per finished trace, shaped {@code {"trace": {…},
 * "spans": [… in start order]}}, atomically (temporary file, then rename), so every file left
 * behind parses, even after the JVM is killed.
 *
 * <p>Spans that end after their trace (asynchronous work) are merged into the written file. Traces
 * still open at shutdown are written too, with {@code ended_at} null, so nothing finished is lost.
 */
public final class JsonFileExporter implements SpanExporter {
  private static final int MAX_PENDING_SPANS = 200_000;
  private static final int MAX_OPEN_TRACES = 10_000;
  private static final int REMEMBERED_TRACES = 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;
  private final int maxPendingSpans;
  // Oldest trace first, so that when the limit is reached the oldest waiting trace makes room.
  private final Map<String, List<Span>> pending = new LinkedHashMap<>();
  private final Map<String, TraceRecord> open =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TraceRecord> eldest) {
          // A trace whose end record was lost (a full queue) must not stay here for ever.
          return size() > MAX_OPEN_TRACES;
        }
      };
  private final Map<String, Boolean> written =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_TRACES;
        }
      };
  private int pendingCount;
  private long droppedSpans;

  private JsonFileExporter(Path dir, int maxPendingSpans) {
    this.dir = dir;
    this.maxPendingSpans = maxPendingSpans;
  }

  /** Returns an exporter writing into {@code dir}, created when missing. */
  public static JsonFileExporter create(Path dir) throws IOException {
    return create(dir, MAX_PENDING_SPANS);
  }

  static JsonFileExporter create(Path dir, int maxPendingSpans) throws IOException {
    Files.createDirectories(dir);
    try {
      TraceFolderViewer.install(dir);
    } catch (IOException | RuntimeException e) {
      WeftLog.warn("could not install the trace viewer in " + dir + "; traces are still written");
    }
    return new JsonFileExporter(dir, maxPendingSpans);
  }

  /** Returns the folder written to. */
  public Path dir() {
    return dir;
  }

  @Override
  public synchronized void export(List<TraceRecord> traces, List<Span> spans) throws IOException {
    for (Span span : spans) {
      if (pendingCount >= maxPendingSpans) {
        makeRoom();
      }
      pending.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
      pendingCount++;
    }
    for (TraceRecord trace : traces) {
      if (!trace.isEnded()) {
        open.put(trace.traceId(), trace);
        continue;
      }
      open.remove(trace.traceId());
      if (written.containsKey(trace.traceId())) {
        mergeIntoFile(trace.traceId(), trace, take(trace.traceId()));
      } else {
        writeTrace(trace, take(trace.traceId()));
      }
    }
    List<String> late = new ArrayList<>();
    for (String traceId : pending.keySet()) {
      if (written.containsKey(traceId)) {
        late.add(traceId);
      }
    }
    for (String traceId : late) {
      mergeIntoFile(traceId, null, take(traceId));
    }
  }

  @Override
  public synchronized void shutdown() throws IOException {
    for (TraceRecord trace : List.copyOf(open.values())) {
      if (written.containsKey(trace.traceId())) {
        mergeIntoFile(trace.traceId(), null, take(trace.traceId()));
      } else {
        writeTrace(trace, take(trace.traceId()));
      }
    }
    open.clear();
    if (droppedSpans > 0) {
      WeftLog.warn(
          "json exporter dropped "
              + droppedSpans
              + " spans of traces whose start or end never arrived");
    }
  }

  /**
   * Frees the spans of the trace that has waited longest: written now as an open trace when its
   * start is known (later spans and its end are merged into that file), else dropped and counted.
   * Without this, spans of traces whose end never arrives would fill the limit and every later span
   * would be dropped.
   */
  private void makeRoom() throws IOException {
    String oldest = pending.keySet().iterator().next();
    List<Span> spans = take(oldest);
    TraceRecord start = open.get(oldest);
    if (start != null) {
      writeTrace(start, spans);
    } else {
      droppedSpans += spans.size();
    }
  }

  private List<Span> take(String traceId) {
    List<Span> spans = pending.remove(traceId);
    if (spans == null) {
      return List.of();
    }
    pendingCount -= spans.size();
    return spans;
  }

  private void writeTrace(TraceRecord trace, List<Span> spans) throws IOException {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(Span::startedAtMicros));
    byte[] bytes = TraceJson.traceFileToString(trace, sorted).getBytes(StandardCharsets.UTF_8);
    writeAtomically(trace.traceId(), bytes);
    written.put(trace.traceId(), Boolean.TRUE);
  }

  /** Adds spans, and the trace's final record when given, to a file written before. */
  private void mergeIntoFile(String traceId, TraceRecord ended, List<Span> spans)
      throws IOException {
    Path file = dir.resolve(traceId + ".json");
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      WeftLog.warnRateLimited("json-merge", "could not read " + file + " to add late spans", e);
      return;
    }
    if (!(root instanceof ObjectNode object) || !(root.get("spans") instanceof ArrayNode)) {
      return;
    }
    if (ended != null) {
      object.set("trace", MAPPER.readTree(TraceJson.traceToString(ended, true)));
    }
    List<JsonNode> all = new ArrayList<>();
    root.get("spans").forEach(all::add);
    for (Span span : spans) {
      all.add(MAPPER.readTree(TraceJson.spanToString(span)));
    }
    // ISO-8601 times of one fixed width sort as text.
    all.sort(Comparator.comparing(node -> node.path("started_at").asText("")));
    ArrayNode sorted = object.putArray("spans");
    all.forEach(sorted::add);
    writeAtomically(traceId, MAPPER.writeValueAsBytes(object));
  }

  private void writeAtomically(String traceId, byte[] bytes) throws IOException {
    Path target = dir.resolve(traceId + ".json");
    Path temp = dir.resolve("." + traceId + ".json.tmp");
    Files.write(temp, bytes);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    try {
      TraceFolderViewer.onTraceWritten(dir, traceId, bytes);
    } catch (IOException | RuntimeException e) {
      WeftLog.warnRateLimited("json-viewer", "could not add a trace to the viewer in " + dir, e);
    }
  }
}
