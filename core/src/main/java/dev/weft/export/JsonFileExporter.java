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
import java.util.HashMap;
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
  private static final int REMEMBERED_TRACES = 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;
  private final Map<String, List<Span>> pending = new HashMap<>();
  private final Map<String, TraceRecord> open = new HashMap<>();
  private final Map<String, Boolean> written =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_TRACES;
        }
      };
  private int pendingCount;
  private long droppedSpans;

  private JsonFileExporter(Path dir) {
    this.dir = dir;
  }

  /** Returns an exporter writing into {@code dir}, created when missing. */
  public static JsonFileExporter create(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      TraceFolderViewer.install(dir);
    } catch (IOException | RuntimeException e) {
      WeftLog.warn("could not install the trace viewer in " + dir + "; traces are still written");
    }
    return new JsonFileExporter(dir);
  }

  /** Returns the folder written to. */
  public Path dir() {
    return dir;
  }

  @Override
  public synchronized void export(List<TraceRecord> traces, List<Span> spans) throws IOException {
    for (Span span : spans) {
      if (pendingCount >= MAX_PENDING_SPANS) {
        droppedSpans++;
        continue;
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
      writeTrace(trace, take(trace.traceId()));
    }
    List<String> late = new ArrayList<>();
    for (String traceId : pending.keySet()) {
      if (written.containsKey(traceId)) {
        late.add(traceId);
      }
    }
    for (String traceId : late) {
      mergeLateSpans(traceId, take(traceId));
    }
  }

  @Override
  public synchronized void shutdown() throws IOException {
    for (TraceRecord trace : List.copyOf(open.values())) {
      writeTrace(trace, take(trace.traceId()));
    }
    open.clear();
    if (droppedSpans > 0) {
      WeftLog.warn("json exporter dropped " + droppedSpans + " spans of traces that never ended");
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

  private void mergeLateSpans(String traceId, List<Span> spans) throws IOException {
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
