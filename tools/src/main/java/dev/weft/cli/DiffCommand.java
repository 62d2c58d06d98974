package dev.weft.cli;

import dev.weft.analysis.PriceTable;
import dev.weft.analysis.TraceDiff;
import dev.weft.tracefile.TraceFile;
import dev.weft.tracefile.TraceFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code diff} command: two traces side by side, their span trees aligned by type and name,
 * with spans only in one of them marked and the duration, token and cost differences per span and
 * in total. Each trace is named by its file or by its id in a trace folder.
 */
public final class DiffCommand {
  static final String USAGE = "usage: diff <trace A> <trace B> [--dir <trace folder>]";

  private DiffCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code diff}
   * @param out where the comparison goes
   * @param err where usage errors and unreadable traces are reported
   * @return 0 when the comparison was printed (whether or not the traces differ), 1 when a trace
   *     cannot be found or read, 2 on a usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> traces = new ArrayList<>();
    Path folder = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--dir") && i + 1 < args.length) {
        folder = Path.of(args[++i]);
      } else if (args[i].startsWith("-")) {
        err.println("diff: unknown option " + args[i]);
        err.println(USAGE);
        return 2;
      } else {
        traces.add(args[i]);
      }
    }
    if (traces.size() != 2) {
      err.println(USAGE);
      return 2;
    }
    Path in = folder != null ? folder : TraceInputs.defaultFolder();
    try {
      TraceFile a = TraceFiles.read(TraceInputs.trace(traces.get(0), in));
      TraceFile b = TraceFiles.read(TraceInputs.trace(traces.get(1), in));
      PriceTable prices = TraceInputs.prices();
      out.print(TraceDiff.of(a.trace(), a.spans(), b.trace(), b.spans(), prices).toTable());
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("diff: " + TraceInputs.oneLine(e.getMessage()));
      return 1;
    }
  }
}
