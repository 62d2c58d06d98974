package dev.weft.sample.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program the way a user does: a JVM started with {@code -javaagent} on the built agent jar,
 * and the agent jar's command line over the traces it wrote. No price is configured, so costs come
 * from the prices Weft ships.
 */
final class TracedRun {
  static final Path REPO =
      Path.of(System.getProperty("weft.repo.root", "..")).toAbsolutePath().normalize();
  static final Path AGENT = REPO.resolve("javaagent/target/weft-agent.jar");
  static final Path SAMPLE_JAR =
      REPO.resolve("sample-langchain4j/target/weft-sample-langchain4j.jar");

  private TracedRun() {}

  /**
   * Runs {@code java -javaagent:weft-agent.jar -Dweft.json.dir=<traces> <options> <program>} and
   * waits for it; fails when it does not end with status 0, else returns what it printed.
   */
  static String traced(Path traces, List<String> options, String... program) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-javaagent:" + AGENT));
    command.add("-Dweft.json.dir=" + traces);
    command.addAll(options);
    command.addAll(List.of(program));
    return run(command);
  }

  /** Runs {@code java -jar weft-agent.jar <arguments>}; returns what it printed, as above. */
  static String weft(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", AGENT.toString()));
    command.addAll(List.of(arguments));
    return run(command);
  }

  /**
   * Writes the viewer page over {@code traces} with {@code view} and returns the page it printed.
   */
  static Path viewerPage(Path traces) throws Exception {
    List<String> lines = weft("view", traces.toString()).strip().lines().toList();
    return Path.of(lines.get(lines.size() - 1));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    assertThat(AGENT).as("the agent jar, built by the javaagent module").isRegularFile();
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
    // The scripted model and the built-in prices keep the run the same whatever the developer's
    // environment holds.
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().remove("WEFT_PRICES");
    builder.environment().remove("WEFT_PRICES_FILE");
    builder.environment().remove("WEFT_CONFIG_FILE");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish:\n" + text);
    }
    assertThat(process.exitValue()).as(command + "\n" + text).isZero();
    return text;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
