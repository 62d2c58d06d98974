package dev.weft.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of {@code weft-agent.jar}: {@code java -jar weft-agent.jar <command> ...}. A
 * small dispatcher over named commands; adding a command is one entry in {@link #COMMANDS}.
 */
public final class Main {
  /** A command of the command line. */
  @FunctionalInterface
  interface Command {
    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @return the process exit status: 0 on success, 1 on failure, 2 on a usage error
     */
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private record Entry(String usage, Command command) {}

  private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put(
        "summary",
        new Entry(
            "summary [--oneline] <file|dir>  a summary per trace: duration, spans, tokens, errors",
            SummaryCommand::run));
    COMMANDS.put(
        "view",
        new Entry(
            "view <file|dir> [--out FILE]    write a standalone HTML viewer and print its path",
            ViewCommand::run));
    COMMANDS.put(
        "serve",
        new Entry(
            "serve <dir> [--port N]          a local web page over a trace folder, live",
            ServeCommand::run));
    COMMANDS.put(
        "diff",
        new Entry(
            "diff <a> <b> [--dir DIR]        compare two traces (files, or ids in DIR)",
            DiffCommand::run));
    COMMANDS.put(
        "export",
        new Entry(
            "export --otlp <trace> [-o FILE] write a trace as OTLP/JSON (Jaeger, Phoenix)",
            ExportCommand::run));
    COMMANDS.put(
        "attach",
        new Entry(
            "attach <pid> [options]          load the agent into a running JVM",
            AttachCommand::run));
    COMMANDS.put(
        "version",
        new Entry("version                         print the version", VersionCommand::run));
  }

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
      err.println(usage());
      return 2;
    }
    String name = args[0];
    if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
      out.println(usage());
      return 0;
    }
    Entry entry = COMMANDS.get(name);
    if (entry == null) {
      err.println("unknown command: " + name);
      err.println(usage());
      return 2;
    }
    return entry.command().run(Arrays.copyOfRange(args, 1, args.length), out, err);
  }

  private static String usage() {
    StringBuilder text = new StringBuilder("usage: java -jar weft-agent.jar <command>");
    for (Entry entry : COMMANDS.values()) {
      text.append("\n  ").append(entry.usage());
    }
    return text.toString();
  }
}
