package dev.weft.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code serve} command: a local web page over a trace folder, on 127.0.0.1 only, that lists
 * new traces as they arrive. Runs until the process is stopped.
 */
public final class ServeCommand {
  static final String USAGE = "usage: serve <trace folder> [--port N]";

  /** The port used when {@code --port} is not given. */
  static final int DEFAULT_PORT = 7878;

  private ServeCommand() {}

  /**
   * Runs the command; returns only when the server could not start or the thread is interrupted.
   *
   * @param args the arguments after {@code serve}
   * @param out where the page's address is printed
   * @param err where usage errors and unreadable trace files are reported
   * @return 0 after an interrupted run, 1 when the server could not start, 2 on a usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path dir = null;
    int port = DEFAULT_PORT;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        try {
          port = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 0 || port > 65_535) {
          err.println("serve: --port takes a number from 0 to 65535, not " + args[i]);
          return 2;
        }
      } else if (args[i].startsWith("-") || dir != null) {
        err.println(USAGE);
        return 2;
      } else {
        dir = Path.of(args[i]);
      }
    }
    if (dir == null) {
      err.println(USAGE);
      return 2;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      err.println("serve: not a folder: " + dir);
      return 1;
    }
    TraceFolderServer server;
    try {
      server = TraceFolderServer.start(dir, port, err);
    } catch (IOException e) {
      err.println("serve: could not serve " + dir + " on port " + port + ": " + e.getMessage());
      return 1;
    }
    out.println("Serving " + dir.toAbsolutePath().normalize() + " at " + server.pageUri());
    out.println("The page lists new traces as they arrive. Stop with Ctrl-C.");
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopOnExit = new Thread(server::close, "weft-serve-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // The JVM is already exiting and runs the hook itself.
      }
    }
    return 0;
  }
}
