package dev.weft.cli;

import com.sun.tools.attach.VirtualMachine;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code attach} command: loads the agent into a running JVM, which then weaves its already
 * loaded classes as well as those it loads later.
 *
 * <pre>java -jar weft-agent.jar attach 12345 "json.dir=/tmp/traces;methods=com.acme.Tools[*]@tool"
 * </pre>
 */
final class AttachCommand {
  static final String USAGE = "usage: attach <pid> [agent options, key=value;key=value]";

  private AttachCommand() {}

  /** Attaches to the JVM of the given process id; returns 0 when the agent was loaded. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2 || !args[0].matches("\\d+")) {
      err.println(USAGE);
      return 2;
    }
    String pid = args[0];
    String options = args.length == 2 ? args[1] : null;
    Path agentJar;
    try {
      agentJar = agentJar();
    } catch (URISyntaxException | RuntimeException e) {
      err.println("attach: cannot find the agent jar: " + e);
      return 1;
    }
    if (!Files.isRegularFile(agentJar)) {
      err.println("attach: run this command from weft-agent.jar (found " + agentJar + ")");
      return 1;
    }
    try {
      VirtualMachine vm = VirtualMachine.attach(pid);
      try {
        vm.loadAgent(agentJar.toString(), options);
      } finally {
        vm.detach();
      }
    } catch (Exception | LinkageError e) {
      err.println("attach: could not load the agent into process " + pid + ": " + e);
      return 1;
    }
    out.println("weft agent loaded into process " + pid);
    return 0;
  }

  private static Path agentJar() throws URISyntaxException {
    return Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
