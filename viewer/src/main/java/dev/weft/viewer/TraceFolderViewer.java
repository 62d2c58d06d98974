package dev.weft.viewer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The browser viewer of a trace folder: writes the page and keeps its companion data up to date.
 *
 * <p>Layout of a trace folder:
 *
 * <pre>
 * index.html                  the viewer, with inline style and script; opens from disk
 * &lt;trace_id&gt;.json             the trace files (written by the json exporter)
 * weft-data/pack_&lt;hex&gt;.js     the traces written together, again, as script lines calling
 *                             weft.trace({...}); each index entry names its pack in "data"
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

  /** The folder, relative to the trace folder, that holds the traces' data scripts. */
  public static final String DATA_DIRECTORY = "weft-data";

  /** The optional prices script's file name in a trace folder. */
  public static final String PRICES_FILE = "weft-prices.js";

  /** The longest trace id used as a file name. */
  private static final int MAX_TRACE_ID_LENGTH = 200;

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
   * written. Writes the trace's data script (a pack of one) and appends one line to the index, so
   * the cost does not grow with the number of traces. A file that is not complete JSON is listed as
   * unreadable.
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
   * index for them all: called after a batch of trace files was written. Their data scripts go into
   * one file, a pack: a batch makes one data file, not one per trace. When the pack cannot be
   * written, none of them is listed.
   *
   * @param dir the trace folder
   * @param traceFiles the bytes just written to each trace file, by trace id, in the order to list
   * @throws IllegalArgumentException when a trace id is not a plain file name; nothing is written
   * @throws IOException when the folder cannot be written
   */
  public static void onTracesWritten(Path dir, Map<String, byte[]> traceFiles) throws IOException {
    traceFiles.keySet().forEach(TraceFolderViewer::checkTraceId);
    DataPack pack = new DataPack(dir);
    List<String> entries;
    try {
      for (Map.Entry<String, byte[]> file : traceFiles.entrySet()) {
        pack.add(file.getKey(), file.getValue());
      }
      entries = pack.close();
    } catch (IOException | RuntimeException e) {
      pack.discard();
      throw e;
    }
    IndexJournal.appendAll(dir, entries);
  }

  private static void checkTraceId(String traceId) {
    if (traceId == null || !isTraceId(traceId, traceId.length())) {
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
    Set<String> packs = new HashSet<>();
    DataPack pack = new DataPack(dir);
    int segmentNumber = 0;
    for (Path file : traceFiles(dir)) {
      String name = file.getFileName().toString();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        continue;
      }
      pack.add(name.substring(0, name.length() - ".json".length()), bytes);
      if (pack.size() == IndexJournal.SEGMENT_ENTRIES) {
        writeSegment(fresh, segmentNumber++, pack, packs);
        pack = new DataPack(dir);
      }
    }
    if (pack.size() > 0 || segmentNumber == 0) {
      writeSegment(fresh, segmentNumber, pack, packs);
    }
    Path old = dir.resolve(IndexJournal.DIRECTORY + ".old-" + System.nanoTime());
    if (Files.isDirectory(indexDir)) {
      Files.move(indexDir, old);
    }
    Files.move(fresh, indexDir);
    IndexJournal.forget(dir);
    deleteTree(old);
    deleteDataExcept(dir.resolve(DATA_DIRECTORY), packs);
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
   * The data scripts of traces written together, in one file: {@code weft-data/pack_<random>.js},
   * one {@code weft.trace({...},"<trace_id>");} line per trace. One file per batch rather than per
   * trace halves the files made for each trace written. A trace written again (late spans merged
   * in) goes into a later pack, and its newer index entry names that one.
   */
  private static final class DataPack {
    private final Path dataDir;
    private final List<Listed> traces = new ArrayList<>();
    // Opened at the first readable trace; the scripts are streamed into the new file.
    private OutputStream out;
    private String name;

    DataPack(Path dir) {
      this.dataDir = dir.resolve(DATA_DIRECTORY);
    }

    /** A trace of the pack: its summary, or the entry that lists it as unreadable. */
    private record Listed(String traceId, TraceSummary summary, String unreadableEntry) {}

    /**
     * Adds a trace file's content; one that is not complete JSON is listed as unreadable. The pack
     * is new and listed only once closed, so it needs no temporary file.
     */
    void add(String traceId, byte[] traceFileJson) throws IOException {
      TraceSummary summary;
      try {
        summary = TraceSummary.parse(traceFileJson);
      } catch (IOException e) {
        String entry = TraceSummary.unreadableEntryJson(traceId, traceId + ".json", describe(e));
        traces.add(new Listed(traceId, null, entry));
        return;
      }
      if (out == null) {
        open();
      }
      // The id is a plain file name (checked), safe in a script string.
      ScriptJson.appendEscaped(out, "weft.trace(", traceFileJson, ",\"" + traceId + "\");\n");
      traces.add(new Listed(traceId, summary, null));
    }

    private void open() throws IOException {
      String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
      String file = "pack_" + "0".repeat(16 - hex.length()) + hex + ".js";
      out = new BufferedOutputStream(AtomicFiles.openUnreferenced(dataDir.resolve(file)), 64 << 10);
      name = file;
    }

    int size() {
      return traces.size();
    }

    /** The pack's file name; null when it holds no readable trace. */
    String name() {
      return name;
    }

    /**
     * Closes the pack, when it holds a readable trace, and returns the index entries in the order
     * added. A pack that cannot be written is removed, and none of its traces is listed.
     */
    List<String> close() throws IOException {
      if (out != null) {
        try {
          out.close();
        } catch (IOException e) {
          Files.deleteIfExists(dataDir.resolve(name));
          throw e;
        }
      }
      List<String> entries = new ArrayList<>(traces.size());
      for (Listed trace : traces) {
        entries.add(
            trace.summary() == null
                ? trace.unreadableEntry()
                : trace.summary().toEntryJson(trace.traceId(), trace.traceId() + ".json", name));
      }
      return entries;
    }

    /** Removes a pack whose traces will not be listed. */
    void discard() {
      try {
        if (out != null) {
          out.close();
        }
        if (name != null) {
          Files.deleteIfExists(dataDir.resolve(name));
        }
      } catch (IOException e) {
        // Unlisted, it harms no one; the next rebuild of the index removes it.
      }
    }
  }

  /** Deletes the data scripts of {@code dataDir} other than {@code kept}: packs no entry names. */
  private static void deleteDataExcept(Path dataDir, Set<String> kept) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, "*.js")) {
      for (Path file : files) {
        if (!kept.contains(file.getFileName().toString())) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Returns whether {@code name} is the name of a trace file: a trace id usable as a file name (1
   * to 200 ASCII letters, digits, {@code _} or {@code -}) followed by {@code .json}.
   */
  public static boolean isTraceFileName(String name) {
    return name.endsWith(".json") && isTraceId(name, name.length() - ".json".length());
  }

  /**
   * Returns whether the first {@code length} characters of {@code text} are a trace id usable as a
   * file name. A loop rather than a pattern: it runs for every trace the exporter lists.
   */
  private static boolean isTraceId(String text, int length) {
    if (length < 1 || length > MAX_TRACE_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /** The trace files of {@code dir}, oldest first. */
  private static List<Path> traceFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && isTraceFileName(name)) {
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

  /** Writes the pack of one index segment's traces and that segment, noting the pack's name. */
  private static void writeSegment(Path indexDir, int number, DataPack pack, Set<String> packs)
      throws IOException {
    StringBuilder lines = new StringBuilder();
    for (String entry : pack.close()) {
      lines.append("weft.entry(").append(entry).append(");\n");
    }
    if (pack.name() != null) {
      packs.add(pack.name());
    }
    AtomicFiles.write(
        indexDir.resolve(IndexJournal.segmentName(number)),
        lines.toString().getBytes(StandardCharsets.UTF_8));
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
