package dev.weft.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** The command line of {@code weft-agent.jar}: {@code java -jar weft-agent.jar <command>}. */
public final class Main {
  private static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar weft-agent.jar <command>",
          "  summary [--oneline] <file|dir>   a summary per trace",
          "  view <file|dir> [--out FILE]     write a self-contained HTML viewer and print its path",
          "  serve <dir> [--port N]           a local web page over a trace folder");

  private Main() {}

  /** Runs the command named by the first argument and exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command named by {@code args[0]} and returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "summary" -> SummaryCommand.run(rest, out, err);
      case "view" -> ViewCommand.run(rest, out, err);
      case "serve" -> ServeCommand.run(rest, out, err);
      case "help", "--help", "-h" -> {
        out.println(USAGE);
        yield 0;
      }
      default -> {
        err.println("unknown command: " + args[0]);
        err.println(USAGE);
        yield 2;
      }
    };
  }
}
