package dev.weft.cli;

import dev.weft.viewer.TraceFolderViewer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code view} command: writes one self-contained HTML page with the given traces embedded and
 * prints its path, so a trace can be opened or shared without its folder.
 */
public final class ViewCommand {
  static final String USAGE = "usage: view <trace file or folder>... [--out <page.html>]";

  /** The page's name when a folder is viewed and no {@code --out} is given. */
  static final String FOLDER_PAGE = "weft-view.html";

  private ViewCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code view}
   * @param out where the page's path is printed
   * @param err where usage errors and skipped files are reported
   * @return 0 when the page was written, 1 when no trace could be read or the page not written, 2
   *     on a usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> paths = new ArrayList<>();
    Path page = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        page = Path.of(args[++i]);
      } else if (args[i].startsWith("-")) {
        err.println("view: unknown option " + args[i]);
        err.println(USAGE);
        return 2;
      } else {
        paths.add(Path.of(args[i]));
      }
    }
    if (paths.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    try {
      List<Path> files = TraceInputs.files(paths);
      List<Path> readable = new ArrayList<>();
      for (TraceReport report : TraceInputs.read(files, err)) {
        readable.add(report.file);
      }
      if (readable.isEmpty()) {
        err.println("view: no readable trace file in " + paths);
        return 1;
      }
      Path target = page != null ? page : defaultPage(paths.get(0));
      TraceFolderViewer.writeStandalone(readable, target, TraceInputs.prices().modelPrices());
      out.println(target.toAbsolutePath().normalize());
      return 0;
    } catch (IOException e) {
      err.println("view: " + TraceInputs.oneLine(e.getMessage()));
      return 1;
    }
  }

  /** Next to a single trace file, with its name; inside a folder, as {@value #FOLDER_PAGE}. */
  private static Path defaultPage(Path first) {
    if (Files.isDirectory(first)) {
      return first.resolve(FOLDER_PAGE);
    }
    String name = first.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return first.resolveSibling(base + ".html");
  }
}
