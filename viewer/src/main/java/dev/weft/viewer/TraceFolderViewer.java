package dev.weft.viewer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The browser viewer of a trace folder: writes the page and keeps its companion data up to date.
 *
 * <p>Layout of a trace folder:
 *
 * <pre>
 * index.html                  the viewer, with inline style and script; opens from disk
 * &lt;trace_id&gt;.json             the trace files (written by the json exporter)
 * weft-data/&lt;trace_id&gt;.js     each trace again, as a script calling weft.trace({...})
 * weft-index/000000.js, …     the list: one weft.entry({...}) line per trace, append-only
 * weft-prices.js              the model prices of the estimated costs
 * </pre>
 *
 * <p>All writes are crash-safe: whole files are written to a temporary name and renamed; the index
 * is appended under a file lock and repairs a torn last line (see {@link IndexJournal}).
 */
public final class TraceFolderViewer {

  /** The page's file name in a trace folder. */
  public static final String PAGE_FILE = "index.html";

  /** The folder, relative to the trace folder, that holds one data script per trace. */
  public static final String DATA_DIRECTORY = "weft-data";

  /** The optional prices script's file name in a trace folder. */
  public static final String PRICES_FILE = "weft-prices.js";

  private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

  private TraceFolderViewer() {}

  /**
   * Writes the viewer page into {@code dir} with the built-in model prices ({@link
   * ModelPrices#builtIn()}); see {@link #install(Path, ModelPrices)}.
   *
   * @param dir the trace folder; created when missing
   * @throws IOException when the folder cannot be written
   */
  public static void install(Path dir) throws IOException {
    install(dir, ModelPrices.builtIn());
  }

  /**
   * Writes the viewer page and the model prices its costs are estimated with into {@code dir},
   * unless the same are already there. When the folder holds trace files but no index yet (written
   * by an older version, or copied in), the index is built from them.
   *
   * <p>Called at every start of an application that writes traces, so a folder that already holds
   * this build's page and the same prices costs a few small reads: the files name the build and
   * prices they were written from, and neither the page nor the prices script is built to compare.
   *
   * @param dir the trace folder; created when missing
   * @param prices the prices of the page's cost estimates; with none, the page shows no cost
   * @throws IOException when the folder cannot be written
   */
  public static void install(Path dir, ModelPrices prices) throws IOException {
    Files.createDirectories(dir);
    FolderPage.current().writeTo(dir.resolve(PAGE_FILE));
    setPrices(dir, prices);
    if (!Files.isDirectory(dir.resolve(IndexJournal.DIRECTORY)) && !traceFiles(dir).isEmpty()) {
      rebuildIndex(dir);
    }
  }

  /**
   * Adds one trace to the viewer's data; called right after {@code <dir>/<traceId>.json} was
   * written. Writes the trace's data script and appends one line to the index, so the cost does not
   * grow with the number of traces. A file that is not complete JSON is listed as unreadable.
   *
   * @param dir the trace folder
   * @param traceId the trace's id, which is also the name of its file without {@code .json}
   * @param traceFileJson the bytes just written to the trace file
   * @throws IllegalArgumentException when {@code traceId} is not a plain file name
   * @throws IOException when the folder cannot be written
   */
  public static void onTraceWritten(Path dir, String traceId, byte[] traceFileJson)
      throws IOException {
    checkTraceId(traceId);
    onTracesWritten(dir, Map.of(traceId, traceFileJson));
  }

  /**
   * Adds traces to the viewer's data, as {@link #onTraceWritten} does one, with one append to the
   * index for them all: called after a batch of trace files was written. A trace whose data script
   * cannot be written is not listed; the others are, and the first failure is thrown after.
   *
   * @param dir the trace folder
   * @param traceFiles the bytes just written to each trace file, by trace id, in the order to list
   * @throws IllegalArgumentException when a trace id is not a plain file name; nothing is written
   * @throws IOException when the folder cannot be written
   */
  public static void onTracesWritten(Path dir, Map<String, byte[]> traceFiles) throws IOException {
    traceFiles.keySet().forEach(TraceFolderViewer::checkTraceId);
    List<String> entries = new ArrayList<>(traceFiles.size());
    IOException failure = null;
    for (Map.Entry<String, byte[]> file : traceFiles.entrySet()) {
      try {
        entries.add(writeData(dir, file.getKey(), file.getValue(), false));
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    IndexJournal.appendAll(dir, entries);
    if (failure != null) {
      throw failure;
    }
  }

  private static void checkTraceId(String traceId) {
    if (traceId == null || !TRACE_ID.matcher(traceId).matches()) {
      throw new IllegalArgumentException("not a trace id usable as a file name: " + traceId);
    }
  }

  /**
   * Rebuilds the viewer's data of {@code dir} from the {@code *.json} trace files in it, oldest
   * first; for folders whose index is missing or out of date.
   *
   * @param dir the trace folder
   * @throws IOException when the folder cannot be read or written
   */
  public static void rebuildIndex(Path dir) throws IOException {
    Path indexDir = dir.resolve(IndexJournal.DIRECTORY);
    Path fresh = dir.resolve(IndexJournal.DIRECTORY + ".new-" + System.nanoTime());
    Files.createDirectories(fresh);
    StringBuilder segment = new StringBuilder();
    int lines = 0;
    int segmentNumber = 0;
    for (Path file : traceFiles(dir)) {
      String name = file.getFileName().toString();
      String traceId = name.substring(0, name.length() - ".json".length());
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        continue;
      }
      segment.append("weft.entry(").append(writeData(dir, traceId, bytes, true)).append(");\n");
      if (++lines == IndexJournal.SEGMENT_ENTRIES) {
        writeSegment(fresh, segmentNumber++, segment);
        lines = 0;
      }
    }
    if (lines > 0 || segmentNumber == 0) {
      writeSegment(fresh, segmentNumber, segment);
    }
    Path old = dir.resolve(IndexJournal.DIRECTORY + ".old-" + System.nanoTime());
    if (Files.isDirectory(indexDir)) {
      Files.move(indexDir, old);
    }
    Files.move(fresh, indexDir);
    IndexJournal.forget(dir);
    deleteTree(old);
  }

  /**
   * Writes one self-contained HTML file with the given traces embedded, for sharing or for a folder
   * without companion data, with the built-in model prices. A file that cannot be read or is not
   * complete JSON is shown as unreadable.
   *
   * @param traceFiles trace files in the trace file format
   * @param outHtml where to write the page; its folder is created when missing
   * @return {@code outHtml}
   * @throws IOException when {@code outHtml} cannot be written
   */
  public static Path writeStandalone(List<Path> traceFiles, Path outHtml) throws IOException {
    return writeStandalone(traceFiles, outHtml, ModelPrices.builtIn());
  }

  /**
   * Writes one self-contained HTML file with the given traces and model prices embedded.
   *
   * @param traceFiles trace files in the trace file format
   * @param outHtml where to write the page; its folder is created when missing
   * @param prices the prices of the page's cost estimates; with none, the page shows no cost
   * @return {@code outHtml}
   * @throws IOException when {@code outHtml} cannot be written
   */
  public static Path writeStandalone(List<Path> traceFiles, Path outHtml, ModelPrices prices)
      throws IOException {
    String pricesJson = PricesScript.json(prices);
    StringBuilder traces = new StringBuilder();
    StringBuilder unreadable = new StringBuilder();
    for (Path file : traceFiles) {
      String name = String.valueOf(file.getFileName());
      try {
        byte[] bytes = Files.readAllBytes(file);
        TraceSummary.parse(bytes);
        traces.append(traces.length() == 0 ? "" : ",");
        traces.append(ScriptJson.escape(new String(bytes, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        unreadable.append(unreadable.length() == 0 ? "" : ",");
        unreadable.append(TraceSummary.unreadableEntryJson(name, name, describe(e)));
      }
    }
    String embed =
        "{\"traces\":["
            + traces
            + "],\"unreadable\":["
            + unreadable
            + "],\"prices\":"
            + pricesJson
            + "}";
    Path parent = outHtml.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    AtomicFiles.write(outHtml, ViewerPage.standalonePage(embed).getBytes(StandardCharsets.UTF_8));
    return outHtml;
  }

  /**
   * Sets the model prices the page of {@code dir} estimates costs with, unless the same are already
   * there; with none, the prices are removed and the page shows no cost.
   *
   * @param dir the trace folder
   * @param prices the prices
   * @throws IOException when the folder cannot be written
   */
  public static void setPrices(Path dir, ModelPrices prices) throws IOException {
    Path target = dir.resolve(PRICES_FILE);
    if (prices.isEmpty()) {
      Files.deleteIfExists(target);
      return;
    }
    PricesScript.writeTo(target, prices);
  }

  /**
   * Writes the data script of one trace and returns its index entry; with {@code keepSame}, a
   * script already there with the same content is left as it is.
   */
  private static String writeData(Path dir, String traceId, byte[] traceFileJson, boolean keepSame)
      throws IOException {
    String fileName = traceId + ".json";
    TraceSummary summary;
    try {
      summary = TraceSummary.parse(traceFileJson);
    } catch (IOException e) {
      return TraceSummary.unreadableEntryJson(traceId, fileName, describe(e));
    }
    Path data = dir.resolve(DATA_DIRECTORY).resolve(traceId + ".js");
    byte[] bytes = ScriptJson.wrapEscaped("weft.trace(", traceFileJson, ");\n");
    if (!keepSame) {
      // A trace just written: its script is new, or has new content not worth comparing with the
      // old. It is listed only after this returns, so a new one needs no temporary file.
      AtomicFiles.writeUnreferenced(data, bytes);
    } else {
      // A rebuilt index finds most data scripts as they were: those are not written again.
      AtomicFiles.writeUnlessSame(data, bytes);
    }
    return summary.toEntryJson(traceId, fileName);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** The trace files of {@code dir}, oldest first. */
  private static List<Path> traceFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file)
            && TRACE_ID.matcher(name.substring(0, name.length() - 5)).matches()) {
          files.add(file);
        }
      }
    }
    Map<Path, FileTime> times = new TreeMap<>();
    for (Path file : files) {
      times.put(file, Files.getLastModifiedTime(file));
    }
    files.sort(Comparator.comparing((Path f) -> times.get(f)).thenComparing(Path::toString));
    return files;
  }

  private static void writeSegment(Path indexDir, int number, CharSequence lines)
      throws IOException {
    AtomicFiles.write(
        indexDir.resolve(IndexJournal.segmentName(number)),
        lines.toString().getBytes(StandardCharsets.UTF_8));
    if (lines instanceof StringBuilder builder) {
      builder.setLength(0);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }
}
