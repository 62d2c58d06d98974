package dev.weft.export.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.internal.WeftLog;
import dev.weft.processor.SpanExporter;
import dev.weft.tracefile.TraceJson;
import dev.weft.viewer.ModelPrices;
import dev.weft.viewer.TraceFolderViewer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Writes one file {@code <dir>/<trace_id>.json} per finished trace, shaped {@code {"trace": {…},
 * "spans": [… in start order]}}, atomically (a temporary file in {@value #WRITING_DIRECTORY}, then
 * a rename), so every file left behind parses, even after the JVM is killed.
 *
 * <p>Spans that end after their trace (asynchronous work) are merged into the written file. Traces
 * still open at shutdown are written too, with {@code ended_at} null, so nothing finished is lost.
 *
 * <p>A trace whose file cannot be written (a read-only folder, a full disk) is lost, and its
 * temporary file removed; the first such failure is said once on stderr, with the folder and the
 * reason, and the export goes on.
 *
 * <p>Creating one loads no JSON library and writes nothing but the folder: the viewer files are
 * written and Jackson is loaded with the first export, on the exporting thread, which keeps them
 * off the application's start-up.
 */
public final class JsonFileExporter implements SpanExporter {
  /**
   * The folder inside the trace folder where each trace file is written before it is renamed into
   * place. A name made and removed there, where at most a few files ever are, costs the file system
   * less than one made and removed among the trace files, which a busy application grows to
   * hundreds of thousands: a measured 19,000 against 23,000 files a second at 200,000 files.
   */
  static final String WRITING_DIRECTORY = ".weft-writing";

  private static final int MAX_PENDING_SPANS = 200_000;
  private static final int MAX_OPEN_TRACES = 10_000;

  /** The largest trace text whose buffer is kept for the next trace. */
  private static final int KEPT_TEXT_BYTES = 1 << 20;

  /**
   * The most traces still open at exit that are written, the most recently started ones: an
   * application that leaves thousands of traces open must not spend its exit writing them.
   */
  static final int MAX_OPEN_WRITTEN_AT_EXIT = 100;

  private static final int REMEMBERED_TRACES = 1024;
  // Batches of up to this many trace files are listed by the viewer before export returns.
  private static final int LISTED_AT_ONCE = 4;

  private final Path dir;
  // Where a trace file is written before it is renamed into dir (see WRITING_DIRECTORY).
  private final Path writing;
  private final int maxPendingSpans;
  // Oldest trace first, so that when the limit is reached the oldest waiting trace makes room.
  private final Map<String, List<SpanRecord>> pending = new LinkedHashMap<>();
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
  // Trace files written during the current batch, not yet in the viewer: it lists them together,
  // with one append to its index.
  private final Map<String, byte[]> unlisted = new LinkedHashMap<>();
  // See writeTrace; replaced after a trace larger than KEPT_TEXT_BYTES, so one large trace does not
  // keep its size of heap for the exporter's life.
  private ByteArrayOutputStream traceText = new ByteArrayOutputStream(8192);
  private final Retention retention;
  private final WriteFailures failures;
  private int pendingCount;
  private long droppedSpans;
  // Set once the viewer page is installed, or once a trace file was written without it.
  private boolean viewerSettled;
  private boolean wroteSinceRetention;
  // Lists larger batches in the viewer; listing is what it was last handed.
  private final ExporterThread viewerThread = new ExporterThread("weft-json-viewer");
  private Future<?> listing;
  // The user's prices, put on top of the built-in ones when the viewer is installed.
  private volatile ModelPrices configuredPrices = ModelPrices.none();

  private JsonFileExporter(Path dir, int maxPendingSpans, Retention retention) {
    this.dir = dir;
    this.writing = dir.resolve(WRITING_DIRECTORY);
    this.maxPendingSpans = maxPendingSpans;
    this.retention = retention;
    this.failures = new WriteFailures("json", dir);
  }

  /** Returns an exporter writing into {@code dir}, created when missing. */
  public static JsonFileExporter create(Path dir) throws IOException {
    return create(dir, MAX_PENDING_SPANS, new Retention(0, null));
  }

  /**
   * Returns an exporter writing into {@code dir} that keeps the folder within the retention limits:
   * applied now, and after each batch that wrote trace files.
   */
  static JsonFileExporter create(Path dir, Retention retention) throws IOException {
    return create(dir, MAX_PENDING_SPANS, retention);
  }

  static JsonFileExporter create(Path dir, int maxPendingSpans) throws IOException {
    return create(dir, maxPendingSpans, new Retention(0, null));
  }

  private static JsonFileExporter create(Path dir, int maxPendingSpans, Retention retention)
      throws IOException {
    // Created here rather than at the first export, so a folder that cannot be made fails the
    // start.
    Files.createDirectories(dir);
    retention.apply(dir, java.time.Instant.now());
    return new JsonFileExporter(dir, maxPendingSpans, retention);
  }

  /**
   * Sets the prices that the viewer's cost estimates take on top of the built-in ones ({@code
   * weft.prices}, {@code weft.prices.file}); called before the first export.
   */
  JsonFileExporter withPrices(ModelPrices configured) {
    this.configuredPrices = configured;
    return this;
  }

  /** Returns the folder written to. */
  public Path dir() {
    return dir;
  }

  @Override
  public synchronized void export(List<TraceRecord> traces, List<SpanRecord> spans)
      throws IOException {
    try {
      exportBatch(traces, spans);
    } finally {
      listWritten();
    }
  }

  /** Returns once the viewer lists every trace file written so far. */
  @Override
  public synchronized void flush() {
    awaitListing();
  }

  private void exportBatch(List<TraceRecord> traces, List<SpanRecord> spans) throws IOException {
    for (SpanRecord span : spans) {
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
    try {
      writeStillOpen();
    } finally {
      listWritten();
      awaitListing();
      viewerThread.stop();
    }
  }

  private void writeStillOpen() throws IOException {
    List<TraceRecord> stillOpen = List.copyOf(open.values());
    int leftOut = Math.max(0, stillOpen.size() - MAX_OPEN_WRITTEN_AT_EXIT);
    if (leftOut > 0) {
      WeftLog.warn(
          "json exporter: "
              + stillOpen.size()
              + " traces were still open at exit; the "
              + MAX_OPEN_WRITTEN_AT_EXIT
              + " started last are written with \"ended_at\": null, the other "
              + leftOut
              + " are left out");
    }
    for (TraceRecord trace : stillOpen.subList(leftOut, stillOpen.size())) {
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
    List<SpanRecord> spans = take(oldest);
    TraceRecord start = open.get(oldest);
    if (start != null) {
      writeTrace(start, spans);
    } else {
      droppedSpans += spans.size();
    }
  }

  private List<SpanRecord> take(String traceId) {
    List<SpanRecord> spans = pending.remove(traceId);
    if (spans == null) {
      return List.of();
    }
    pendingCount -= spans.size();
    return spans;
  }

  private void writeTrace(TraceRecord trace, List<SpanRecord> spans) {
    wroteSinceRetention = retention.limits();
    List<SpanRecord> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(SpanRecord::startedAtMicros));
    // One buffer for every trace (export is synchronized), grown to the largest trace so far: a
    // fresh one per trace, sized for the spans, cost a page of new heap per trace.
    traceText.reset();
    try {
      TraceJson.writeTraceFile(traceText, trace, sorted);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = traceText.toByteArray();
    if (bytes.length > KEPT_TEXT_BYTES) {
      traceText = new ByteArrayOutputStream(8192);
    }
    if (writeAtomically(trace.traceId(), bytes)) {
      written.put(trace.traceId(), Boolean.TRUE);
    }
  }

  /**
   * Adds spans, and the trace's final record when given, to a file written before. Streams the file
   * with jackson-core rather than reading it into a tree, so the exporter never needs databind.
   */
  private void mergeIntoFile(String traceId, TraceRecord ended, List<SpanRecord> spans)
      throws IOException {
    Path file = dir.resolve(traceId + ".json");
    // Top-level members of the file as JSON text, in file order; "spans" is kept apart.
    Map<String, String> members = new LinkedHashMap<>();
    List<SpanText> all = new ArrayList<>();
    try (JsonParser p = Json.FACTORY.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      boolean hasSpans = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("spans") && value == JsonToken.START_ARRAY) {
          hasSpans = true;
          members.put(name, "");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            all.add(copy(p));
          }
        } else {
          members.put(name, copy(p).json());
        }
      }
      if (!hasSpans) {
        return;
      }
    } catch (IOException e) {
      WeftLog.warnRateLimited("json-merge", "could not read " + file + " to add late spans", e);
      return;
    }
    if (ended != null) {
      members.put("trace", TraceJson.traceToString(ended, true));
    }
    for (SpanRecord span : spans) {
      try (JsonParser p = Json.FACTORY.createParser(TraceJson.spanToString(span))) {
        p.nextToken();
        all.add(copy(p));
      }
    }
    // ISO-8601 times of one fixed width sort as text.
    all.sort(Comparator.comparing(SpanText::startedAt));
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, String> member : members.entrySet()) {
        g.writeFieldName(member.getKey());
        if (member.getKey().equals("spans")) {
          g.writeStartArray();
          for (SpanText span : all) {
            g.writeRawValue(span.json());
          }
          g.writeEndArray();
        } else {
          g.writeRawValue(member.getValue());
        }
      }
      g.writeEndObject();
    }
    writeAtomically(traceId, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Copies the value the parser is on as JSON text, noting its top-level {@code started_at} string
   * (empty when absent), the key spans are ordered by.
   */
  private static SpanText copy(JsonParser p) throws IOException {
    StringWriter text = new StringWriter();
    String startedAt = "";
    try (JsonGenerator g = Json.FACTORY.createGenerator(text)) {
      int depth = 0;
      do {
        JsonToken token = p.currentToken();
        if (depth == 1 && token == JsonToken.VALUE_STRING && "started_at".equals(p.currentName())) {
          startedAt = p.getText();
        }
        g.copyCurrentEvent(p);
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
      } while (depth > 0 && p.nextToken() != null);
    }
    return new SpanText(text.toString(), startedAt);
  }

  /**
   * The JSON library, loaded at the first merge of late spans rather than when the exporter is
   * made, which happens during the application's start-up.
   */
  private static final class Json {
    static final JsonFactory FACTORY = new JsonFactory();
  }

  /** One span of a trace file as JSON text, with its start time as written. */
  private record SpanText(String json, String startedAt) {}

  /**
   * Writes a trace file through a temporary file and a rename, and notes it for the viewer, which
   * lists the files of a batch together at its end. Returns false when the file cannot be written,
   * having noted the failure and removed the temporary file, which would otherwise stay behind, cut
   * short or empty.
   */
  private boolean writeAtomically(String traceId, byte[] bytes) {
    // Before the file exists: install indexes the trace files already in a folder without an index,
    // which would otherwise list this trace twice.
    Exception viewerFailure = installViewer();
    Path target = dir.resolve(traceId + ".json");
    Path temp = writing.resolve(traceId + ".json.tmp");
    try {
      writeTemporary(temp, bytes);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      failures.record(e);
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The folder refuses the deletion as it refused the write; nothing more can be done.
      }
      return false;
    }
    if (viewerFailure != null) {
      viewerSettled = true;
      WeftLog.warn(
          "could not install the trace viewer in "
              + dir.toAbsolutePath()
              + " ("
              + WriteFailures.reason(viewerFailure)
              + "); trace files are written there without it");
    }
    // Listed last when written again in the same batch, as the viewer lists it after a rewrite.
    unlisted.remove(traceId);
    unlisted.put(traceId, bytes);
    return true;
  }

  /**
   * Writes a trace file's temporary copy into the writing folder, which is made at the first write
   * rather than checked before every file (the check is a system call). A trace folder removed
   * while the application runs is not made again here.
   */
  private void writeTemporary(Path temp, byte[] bytes) throws IOException {
    try {
      writeFile(temp, bytes);
    } catch (NoSuchFileException e) {
      try {
        Files.createDirectory(writing);
      } catch (FileAlreadyExistsException made) {
        // Made by another application writing to the same folder.
      }
      writeFile(temp, bytes);
    }
  }

  /** Writes {@code bytes} to {@code file} with one write where the system allows it. */
  private static void writeFile(Path file, byte[] bytes) throws IOException {
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
  }

  /**
   * Hands the trace files written since the last call to the viewer, in the order written, then
   * keeps the folder within its retention limits. A batch of a few traces is listed before this
   * returns; a larger one by the exporter's viewer thread ({@code weft-json-viewer}) while the next
   * batch is written, since summarising traces and writing their data take as long as writing their
   * files. One batch at most waits for it.
   */
  private void listWritten() {
    boolean applyRetention = wroteSinceRetention;
    wroteSinceRetention = false;
    if (unlisted.isEmpty() && !applyRetention) {
      return;
    }
    Map<String, byte[]> batch = new LinkedHashMap<>(unlisted);
    unlisted.clear();
    awaitListing();
    Runnable list =
        () -> {
          listNow(batch);
          if (applyRetention) {
            retention.apply(dir, java.time.Instant.now());
          }
        };
    if (batch.size() <= LISTED_AT_ONCE) {
      list.run();
    } else {
      listing = viewerThread.submit(list);
    }
  }

  private void listNow(Map<String, byte[]> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      TraceFolderViewer.onTracesWritten(dir, batch);
    } catch (IOException | RuntimeException e) {
      WeftLog.warnRateLimited(
          "json-viewer",
          "could not add a trace to the viewer in "
              + dir.toAbsolutePath()
              + " ("
              + WriteFailures.reason(e)
              + ")",
          null);
    }
  }

  /** Waits until the viewer thread has listed what it was handed. */
  private void awaitListing() {
    Future<?> pendingListing = listing;
    listing = null;
    ExporterThread.await(pendingListing, "json exporter: listing traces in the viewer");
  }

  /**
   * Installs the viewer page, at the first trace written rather than at creation: the page is large
   * and building it loads classes the application's start-up should not wait for. Returns the
   * failure, or null. A failure never costs a trace file. It is tried again with each trace until a
   * trace file is written, and said only then: in a folder where no trace file can be written
   * either, the failure to write traces is all there is to say.
   */
  private Exception installViewer() {
    if (viewerSettled) {
      return null;
    }
    try {
      TraceFolderViewer.install(dir, ModelPrices.builtIn().overriddenBy(configuredPrices));
      viewerSettled = true;
      return null;
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  @Override
  public boolean writesLocally() {
    return true;
  }
}
