package dev.weft.cli;

import dev.weft.export.otlp.OtlpJson;
import dev.weft.tracefile.TraceFile;
import dev.weft.tracefile.TraceFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code export --otlp} command: writes a trace as an OTLP/JSON file that Jaeger, Phoenix and
 * the OpenTelemetry Collector load, its spans mapped as the {@code otlp} exporter maps them.
 */
public final class ExportCommand {
  static final String USAGE =
      "usage: export --otlp <trace file or id> [-o <file.json>] [--dir <trace folder>]";

  private ExportCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code export}
   * @param out where the JSON goes without {@code -o}, else the written file's path
   * @param err where usage errors and unreadable traces are reported
   * @return 0 when the trace was exported, 1 when it cannot be found or read or the file not
   *     written, 2 on a usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean otlp = false;
    String trace = null;
    Path target = null;
    Path folder = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--otlp")) {
        otlp = true;
      } else if ((arg.equals("-o") || arg.equals("--out")) && i + 1 < args.length) {
        target = Path.of(args[++i]);
      } else if (arg.equals("--dir") && i + 1 < args.length) {
        folder = Path.of(args[++i]);
      } else if (arg.startsWith("-") || trace != null) {
        err.println("export: unexpected argument " + arg);
        err.println(USAGE);
        return 2;
      } else {
        trace = arg;
      }
    }
    if (!otlp || trace == null) {
      err.println(USAGE);
      return 2;
    }
    try {
      Path file = TraceInputs.trace(trace, folder != null ? folder : TraceInputs.defaultFolder());
      TraceFile read = TraceFiles.read(file);
      String json = OtlpJson.request(read.spans());
      if (target == null) {
        out.println(json);
      } else {
        Files.writeString(target, json + "\n", StandardCharsets.UTF_8);
        out.println(target.toAbsolutePath().normalize());
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("export: " + TraceInputs.oneLine(e.getMessage()));
      return 1;
    }
  }
}
