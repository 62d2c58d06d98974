package dev.weft.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real JVM running a test application with the built agent jar, and collects its exit
 * status, output and trace files.
 */
final class AgentRun {
  static final Path AGENT_JAR = Path.of(required("weft.agent.jar"));
  static final Path TEST_CLASSES = Path.of(required("weft.test.classes"));
  private static final long TIMEOUT_SECONDS = 180;

  private Path javaHome = Path.of(System.getProperty("java.home"));
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> programArgs = new ArrayList<>();
  private final List<String> extraClassPath = new ArrayList<>();
  private final String mainClass;
  private String agentArgs = "";
  private Path otherAgent;
  private Path jsonDir;
  private int fileSizeLimitKb;

  private AgentRun(String mainClass, Path workDir) {
    this.mainClass = mainClass;
    this.jsonDir = workDir.resolve("traces");
  }

  /** Returns a run of {@code mainClass} writing its traces under {@code workDir}. */
  static AgentRun of(Class<?> mainClass, Path workDir) {
    return new AgentRun(mainClass.getName(), workDir);
  }

  AgentRun javaHome(Path home) {
    this.javaHome = home;
    return this;
  }

  /** Adds agent options after {@code json.dir}, e.g. {@code include-sensitive-data=false}. */
  AgentRun agentArgs(String args) {
    this.agentArgs = args;
    return this;
  }

  AgentRun jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  AgentRun programArg(String arg) {
    programArgs.add(arg);
    return this;
  }

  /** Adds a jar or folder to the application's class path, after its usual entries. */
  AgentRun classPath(Path entry) {
    extraClassPath.add(entry.toString());
    return this;
  }

  /** Adds another {@code -javaagent} before Weft's. */
  AgentRun withOtherAgent(Path jar) {
    this.otherAgent = jar;
    return this;
  }

  /** Writes the traces to {@code dir} instead of {@code <workDir>/traces}. */
  AgentRun jsonDir(Path dir) {
    this.jsonDir = dir;
    return this;
  }

  /**
   * Starts the JVM under a limit on the size of any file it writes ({@code ulimit -f}, in KiB): a
   * write past it fails with "File too large", as a write to a full disk fails.
   */
  AgentRun fileSizeLimitKb(int kb) {
    this.fileSizeLimitKb = kb;
    return this;
  }

  Path jsonDir() {
    return jsonDir;
  }

  /** Returns the command line that starts the application. */
  List<String> command() {
    List<String> command = new ArrayList<>();
    if (fileSizeLimitKb > 0) {
      // The JVM ignores SIGXFSZ, so a write past the limit fails instead of killing the process.
      command.addAll(
          List.of("bash", "-c", "ulimit -f " + fileSizeLimitKb + " && exec \"$@\"", "limited"));
    }
    command.add(javaHome.resolve("bin").resolve("java").toString());
    if (otherAgent != null) {
      command.add("-javaagent:" + otherAgent);
    }
    String options = "json.dir=" + jsonDir + (agentArgs.isEmpty() ? "" : ";" + agentArgs);
    command.add("-javaagent:" + AGENT_JAR + "=" + options);
    command.addAll(jvmArgs);
    command.add("-cp");
    List<String> classPath = new ArrayList<>(List.of(applicationClassPath()));
    classPath.addAll(extraClassPath);
    command.add(String.join(File.pathSeparator, classPath));
    command.add(mainClass);
    command.addAll(programArgs);
    return command;
  }

  /** Runs the application to its end. */
  Result run() throws IOException, InterruptedException {
    return Result.of(start(command()), jsonDir);
  }

  /** Starts a process whose output goes to files, so it never blocks on a full pipe. */
  static Process start(List<String> command) throws IOException {
    Path out = Files.createTempFile("weft-it-out", ".txt");
    Path err = Files.createTempFile("weft-it-err", ".txt");
    // Read until the test JVM ends (a test may read a process's output after it has finished).
    out.toFile().deleteOnExit();
    err.toFile().deleteOnExit();
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    Process process = builder.start();
    OUTPUTS.put(process, new Path[] {out, err});
    return process;
  }

  private static final java.util.Map<Process, Path[]> OUTPUTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Returns what a process started by {@link #start} has written so far to stdout. */
  static String outputOf(Process process) throws IOException {
    return Files.readString(OUTPUTS.get(process)[0], StandardCharsets.UTF_8);
  }

  /** Returns what a process started by {@link #start} has written so far to stderr. */
  static String errorsOf(Process process) throws IOException {
    return Files.readString(OUTPUTS.get(process)[1], StandardCharsets.UTF_8);
  }

  /**
   * Returns the class path of a test application: the test classes and what an application using
   * Weft has of its own (the annotations) plus Reactor; Weft's runtime comes from the agent.
   */
  static String applicationClassPath() {
    List<String> entries = new ArrayList<>();
    entries.add(TEST_CLASSES.toString());
    entries.add(codeSource(dev.weft.annotations.ToolSpan.class));
    entries.add(codeSource(reactor.core.publisher.Mono.class));
    entries.add(codeSource(org.reactivestreams.Publisher.class));
    return String.join(File.pathSeparator, entries);
  }

  static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          property + " is not set; integration tests run through failsafe (mvn verify)");
    }
    return value;
  }

  /** What a finished run left behind. */
  record Result(int exitCode, String stdout, String stderr, TraceFiles traces) {
    static Result of(Process process, Path jsonDir) throws IOException, InterruptedException {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the application did not finish: " + errorsOf(process));
      }
      return new Result(
          process.exitValue(), outputOf(process), errorsOf(process), TraceFiles.read(jsonDir));
    }

    /** Returns a description for assertion messages. */
    String describe() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }
}
