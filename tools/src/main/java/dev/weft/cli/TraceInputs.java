package dev.weft.cli;

import dev.weft.analysis.PriceTable;
import dev.weft.config.WeftConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The trace files named on a command line: files as given, folders by their {@code *.json}. */
final class TraceInputs {
  private static final String TRACE_PREFIX = "trace_";
  private static final Pattern TRACE_HEX = Pattern.compile("[0-9a-fA-F]{1,32}");

  private TraceInputs() {}

  /**
   * Returns the trace files of {@code paths}; a folder contributes its {@code *.json} files, not
   * its subfolders.
   *
   * @throws IOException naming the first path that does not exist or cannot be listed
   */
  static List<Path> files(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> inFolder = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path, "*.json")) {
          for (Path file : stream) {
            if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
              inFolder.add(file);
            }
          }
        }
        inFolder.sort(Comparator.comparing(Path::toString));
        files.addAll(inFolder);
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new IOException("no such file or folder: " + path);
      }
    }
    return files;
  }

  /**
   * Returns the trace file one argument names: a file as given, else a trace id, with or without
   * {@code trace_}, or the start of one that only one trace file of {@code folder} has.
   *
   * @throws IOException saying why the argument names no single trace file
   */
  static Path trace(String arg, Path folder) throws IOException {
    Path path = Path.of(arg);
    if (Files.isRegularFile(path)) {
      return path;
    }
    String hex = arg.startsWith(TRACE_PREFIX) ? arg.substring(TRACE_PREFIX.length()) : arg;
    if (!TRACE_HEX.matcher(hex).matches()) {
      throw new IOException("no such trace file: " + arg);
    }
    if (!Files.isDirectory(folder)) {
      throw new IOException(
          "no trace file " + arg + ", and no trace folder " + folder + " to look for its id in");
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(folder, TRACE_PREFIX + hex.toLowerCase(Locale.ROOT) + "*.json")) {
      stream.forEach(found::add);
    }
    if (found.size() != 1) {
      throw new IOException(
          (found.isEmpty() ? "no trace " : "more than one trace starts with ")
              + arg
              + " in "
              + folder);
    }
    return found.get(0);
  }

  /**
   * The folder trace ids are looked up in when none is given: {@code weft.json.dir} from system
   * properties, the environment and the properties file, else {@code weft-traces}.
   */
  static Path defaultFolder() {
    return WeftConfig.load(null).getPath("weft.json.dir", Path.of("weft-traces"));
  }

  /**
   * Reads {@code files}, oldest trace first; each one that is not a readable trace file is reported
   * on one line of {@code err} and skipped. Costs are estimated with {@link #prices()}.
   */
  static List<TraceReport> read(List<Path> files, PrintStream err) {
    PriceTable prices = prices();
    List<TraceReport> reports = new ArrayList<>();
    for (Path file : files) {
      try {
        reports.add(TraceReport.read(file, prices));
      } catch (IOException | RuntimeException e) {
        err.println("skipped " + file + ": " + oneLine(withoutPath(file, e.getMessage())));
      }
    }
    reports.sort(
        Comparator.comparingLong(TraceReport::startedAtMicros).thenComparing(TraceReport::traceId));
    return reports;
  }

  /**
   * The prices of the command line's cost estimates: the built-in ones with those of {@code
   * weft.prices.file} and {@code weft.prices} on top, read from system properties, the environment
   * and the properties file.
   */
  static PriceTable prices() {
    return PriceTable.fromConfig(WeftConfig.load(null));
  }

  /** The reader names the file in its messages; the report names it once, first. */
  private static String withoutPath(Path file, String message) {
    String prefix = file + ": ";
    return message != null && message.startsWith(prefix)
        ? message.substring(prefix.length())
        : message;
  }

  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
  }
}
