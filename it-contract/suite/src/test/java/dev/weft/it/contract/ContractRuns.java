package dev.weft.it.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fixture runs the suite compares, launched once for all tests: the three weaving routes, each
 * with sensitive data on and off, and the fixture woven at compile time with the Weft agent
 * attached as well. Two run at a time.
 */
final class ContractRuns {
  /** Under the Weft java agent. */
  static final String AGENT = "agent";

  /** Woven at compile time by the AspectJ Maven plugin with weft-weaver as aspect library. */
  static final String COMPILE_TIME = "compile-time";

  /** Woven at load time by aspectjweaver with weft-weaver's META-INF/aop.xml. */
  static final String LOAD_TIME = "load-time";

  /** Woven at compile time and run under the Weft java agent as well. */
  static final String DOUBLE = "compile-time+agent";

  /** The suffix of the runs with {@code weft.include-sensitive-data=false}. */
  static final String NO_SENSITIVE = "-no-sensitive-data";

  private static final Path LIBS = Path.of(System.getProperty("contract.libs", "target/libs"));
  private static final Path WORK = Path.of(System.getProperty("contract.work", "target/runs"));
  private static final Path WEFT_AGENT =
      Path.of(System.getProperty("contract.weftAgent", "../../javaagent/target/weft-agent.jar"));
  private static final List<String> RUNTIME =
      List.of(
          "weft-annotations.jar",
          "weft-runtime.jar",
          "weft-trace-file.jar",
          "weft-viewer.jar",
          "weft-exporter-files.jar",
          "jackson-core.jar",
          "jackson-databind.jar",
          "jackson-annotations.jar");

  private static final Map<String, Future<FixtureRun>> RUNS = new LinkedHashMap<>();

  static {
    ExecutorService launcher =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "contract-launcher");
              thread.setDaemon(true);
              return thread;
            });
    for (String route : List.of(AGENT, COMPILE_TIME, LOAD_TIME)) {
      RUNS.put(route, launcher.submit(() -> launch(route, route, List.of())));
      RUNS.put(
          route + NO_SENSITIVE,
          launcher.submit(
              () ->
                  launch(
                      route + NO_SENSITIVE,
                      route,
                      List.of("-Dweft.include-sensitive-data=false"))));
    }
    RUNS.put(DOUBLE, launcher.submit(() -> launch(DOUBLE, DOUBLE, List.of())));
    launcher.shutdown();
  }

  private ContractRuns() {}

  /** Returns a finished run, failing when the fixture failed. */
  static FixtureRun get(String name) throws Exception {
    FixtureRun run = RUNS.get(name).get();
    if (run.exitCode != 0 || !run.stdout.contains("contract done")) {
      throw new AssertionError("fixture run failed: " + run);
    }
    return run;
  }

  /** Returns the traces a finished run wrote. */
  static TraceSet traces(String name) throws Exception {
    return TraceSet.read(get(name).traceDir);
  }

  private static FixtureRun launch(String name, String route, List<String> options)
      throws Exception {
    List<Path> classPath = new ArrayList<>();
    List<String> jvm = new ArrayList<>(options);
    switch (route) {
      case AGENT -> {
        jvm.add("-javaagent:" + existing(WEFT_AGENT));
        classPath.add(lib("weft-it-fixture.jar"));
      }
      case COMPILE_TIME -> {
        classPath.add(lib("weft-it-fixture-ctw.jar"));
        classPath.add(lib("weft-weaver.jar"));
        classPath.add(lib("aspectjrt.jar"));
      }
      case LOAD_TIME -> {
        jvm.add("-javaagent:" + lib("aspectjweaver.jar"));
        classPath.add(lib("weft-it-fixture.jar"));
        classPath.add(lib("weft-weaver.jar"));
      }
      case DOUBLE -> {
        jvm.add("-javaagent:" + existing(WEFT_AGENT));
        classPath.add(lib("weft-it-fixture-ctw.jar"));
        classPath.add(lib("weft-weaver.jar"));
        classPath.add(lib("aspectjrt.jar"));
      }
      default -> throw new IllegalArgumentException(route);
    }
    for (String jar : RUNTIME) {
      classPath.add(lib(jar));
    }
    return FixtureRun.launch(WORK, name, classPath, jvm);
  }

  private static Path lib(String jar) {
    return existing(LIBS.resolve(jar));
  }

  private static Path existing(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("missing " + path.toAbsolutePath() + "; build it first");
    }
    return path.toAbsolutePath();
  }
}
