package dev.weft.cli;

import java.io.PrintStream;

/** The {@code version} command: prints Weft's version. */
final class VersionCommand {
  private VersionCommand() {}

  /** Prints {@code weft <version>} and returns 0. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    out.println("weft " + version());
    return 0;
  }

  /** Returns the version recorded in the agent jar's manifest, or {@code dev} when run unpacked. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }
}
