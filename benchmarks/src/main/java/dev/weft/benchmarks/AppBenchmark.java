package dev.weft.benchmarks;

import dev.weft.benchmarks.appdriver.AppServer;
import dev.weft.scripted.ScriptedModelServer;
import dev.weft.scripted.Scripts;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures real applications under no agent, Weft's agent (as installed, and exporting OTLP to the
 * sink the OpenTelemetry agent exports to) and the OpenTelemetry agent: the LangChain4j sample and
 * the Spring AI travel desk, each served by {@link AppServer} against a scripted model on loopback
 * that answers at once. Per launch: Spring's start-up figure, the wall time from launch to the
 * first answered request, requests per second and latency under a fixed number of concurrent
 * clients, and the peak resident set size. Launches run in turn (run 1 of every application and
 * agent, then run 2, ...) so that a change of machine load touches every configuration alike; the
 * report gives the medians of the runs and their ratios to no agent.
 *
 * <p>The rate is measured after a long warm-up: under this load both applications keep getting
 * faster for a minute or more (their code is being compiled, with the agent's code and hooks among
 * it), so a short warm-up measures how fast each configuration warms up rather than what it
 * sustains. The LangChain4j sample levels off within two minutes; Spring AI, with an agent, takes
 * about three, so each application has its own least warm-up ({@link #WARMUP}). A launch whose JIT
 * compilers are still busy then warms up on until they are quiet, up to {@link #WARMUP_MOST}
 * seconds ({@link AppLaunch.Warmup}): on 2 cores shared with the load and the model, a launch with
 * an agent may need a minute more than one without, and measured earlier it shows how far its
 * warm-up got rather than what it sustains. Each launch's line gives the rate and the compilers'
 * CPU of every 10 s of its warm-up, to show where it levelled off.
 *
 * <p>Arguments are {@code key=value}: {@code weft.agent}, {@code otel.agent}, {@code driver} (the
 * jar holding {@link AppServer}), {@code langchain4j.jar}, {@code spring-ai.jar}, {@code runs}
 * (default 3, each started, warmed up and measured under load), {@code starts} (default 4: launches
 * that are started, answer one request and stop, for the start-up figures), {@code warmup} (seconds
 * of unmeasured load per launch, for every application; {@code warmup.langchain4j} and {@code
 * warmup.spring-ai} set one application's least, default 120 and 180; {@code warmup.most} the
 * longest, default 240), {@code seconds} (of measured load, default 30), {@code clients} (default
 * 4), {@code apps} (comma list, default both) and {@code agents} (comma list, default {@code
 * none,weft,otel}; {@code weft-otlp} adds Weft's agent exporting OTLP to the OpenTelemetry agent's
 * sink), {@code out} (report file), {@code jvm.args} (extra JVM flags for every launch, separated
 * by spaces, such as a profiler's {@code -agentpath}; {@code {launch}} in them becomes the launch's
 * name, such as {@code spring-ai-weft-1}) and {@code work} (the folder the launches write in; when
 * given, what they wrote is left there for the caller to delete).
 */
public final class AppBenchmark {
  private static final String SPRING_LAUNCHER =
      "org.springframework.boot.loader.launch.PropertiesLauncher";

  /**
   * Each application's default warm-up, in seconds: about where its rate stopped climbing. In one
   * launch each warmed up for 170 s, Spring AI with no agent levelled off near 110 requests per
   * second after about 80 s, and with Weft's agent reached it only at about 170 s; measured after
   * 70 s, Weft's launch was still a fifth slower. Some launches still move after 180 s; each
   * launch's line shows it. LangChain4j with Weft's agent levelled off between 60 and 100 s in two
   * launches warmed up for 180 s (with no agent between 40 and 50 s), while the JIT compilers were
   * still compiling the woven code a minute in: after 70 s Weft's launches took about a sixth more
   * CPU per request than no agent's, after 180 s as much.
   */
  private static final Map<String, Long> WARMUP = Map.of("langchain4j", 120L, "spring-ai", 180L);

  /**
   * The longest warm-up, in seconds, of a launch whose JIT compilers are still busy after its
   * application's warm-up ({@link AppLaunch.Warmup}).
   */
  private static final long WARMUP_MOST = 240;

  private AppBenchmark() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = SideBySide.parse(args);
    // Before the scripted model's server starts, so that it answers at once (see NO_DELAY).
    System.setProperty(LoopbackSink.NO_DELAY, "true");
    // The applications make a new HTTP client per conversation, and the connections of the old
    // ones stay open on the server, idle. Past 200 idle connections the JDK's server closes every
    // connection as soon as it has answered on it, while its client may already be sending the
    // next request there, which then fails ("header parser received no bytes") or waits for a
    // retransmission. Idle connections are kept, and dropped after 5 s instead of 30.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "1000000");
    System.setProperty("sun.net.httpserver.idleInterval", "5");
    int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
    int startRuns = Integer.parseInt(opts.getOrDefault("starts", "4"));
    int clients = Integer.parseInt(opts.getOrDefault("clients", "4"));
    Duration most =
        Duration.ofSeconds(
            Long.parseLong(opts.getOrDefault("warmup.most", String.valueOf(WARMUP_MOST))));
    Map<String, AppLaunch.Warmup> warmups = new HashMap<>();
    for (Map.Entry<String, Long> app : WARMUP.entrySet()) {
      String seconds =
          opts.getOrDefault(
              "warmup." + app.getKey(),
              opts.getOrDefault("warmup", String.valueOf(app.getValue())));
      Duration least = Duration.ofSeconds(Long.parseLong(seconds));
      warmups.put(app.getKey(), new AppLaunch.Warmup(least, most));
    }
    Duration seconds = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("seconds", "30")));
    List<String> apps = List.of(opts.getOrDefault("apps", "langchain4j,spring-ai").split(","));
    List<String> agents = List.of(opts.getOrDefault("agents", "none,weft,otel").split(","));
    for (String app : apps) {
      if (!WARMUP.containsKey(app)) {
        System.err.println("unknown application " + app + ": langchain4j|spring-ai");
        System.exit(2);
      }
    }
    for (String jar :
        List.of("weft.agent", "otel.agent", "driver", "langchain4j.jar", "spring-ai.jar")) {
      if (opts.get(jar) == null || !Files.isRegularFile(Path.of(opts.get(jar)))) {
        System.err.println(jar + " names no file: " + opts.get(jar) + " (build it first)");
        System.exit(2);
      }
    }
    boolean keepOutput = opts.containsKey("work");
    Path workDir =
        keepOutput
            ? Files.createDirectories(Path.of(opts.get("work")))
            : Files.createTempDirectory("weft-apps");
    AppReport report =
        new AppReport(
            runs
                + " runs under load and "
                + startRuns
                + " start-only launches per application and agent; per run "
                + clients
                + " concurrent clients, a warm-up of at least "
                + apps.stream()
                    .map(app -> app + " " + warmups.get(app).least().toSeconds() + " s")
                    .collect(Collectors.joining(", "))
                + ", then on while the JIT compilers took more than "
                + AppLaunch.QUIET_COMPILERS_MILLIS
                + " ms of CPU over the last two windows, up to "
                + most.toSeconds()
                + " s (its rate and the compilers' CPU per "
                + AppLaunch.WARMUP_WINDOW.toSeconds()
                + " s in each launch's line), "
                + seconds.toSeconds()
                + " s measured");
    // Deleted at the end, or by the caller, not after each launch: thousands of files deleted just
    // before a launch slow the file system's making of new ones (ext4 passes over recently freed
    // inodes) for minutes, which would charge the next launch's trace files with the last one's
    // cleanup.
    List<Path> done = new ArrayList<>();
    try (LoopbackSink otlp = LoopbackSink.otlp()) {
      // The start-up spreads by a few hundred milliseconds from launch to launch: launches that
      // only start add to those under load, and cost seconds each rather than minutes.
      Rounds rounds = new Rounds(apps, agents, workDir, done, report);
      rounds.inTurn(
          startRuns,
          "start",
          (app, agent, run, model, launchDir, load) -> {
            AppLaunch.Start start = launch(opts, app, agent, model, otlp, launchDir).start();
            return report.addStart(app, agent, run, start, load);
          });
      rounds.inTurn(
          runs,
          "run",
          (app, agent, run, model, launchDir, load) -> {
            long otlpBefore = otlp.requests();
            AppLaunch.Result result =
                launch(opts, app, agent, model, otlp, launchDir)
                    .run(clients, warmups.get(app), seconds, model::requestCount);
            String exported =
                switch (agent) {
                  case "weft" -> traceFiles(launchDir.resolve("traces")) + " trace files";
                  case "otel", "weft-otlp" -> (otlp.requests() - otlpBefore) + " OTLP requests";
                  default -> "";
                };
            return report.add(app, agent, run, result, exported, load);
          });
    }
    if (!keepOutput) {
      for (Path launchDir : done) {
        delete(launchDir);
      }
      // Kept when a failed launch left its standard error there.
      try {
        Files.delete(workDir);
      } catch (DirectoryNotEmptyException kept) {
        System.out.println("the output of failed launches is in " + workDir);
      }
    }
    String text = report.render();
    System.out.println();
    System.out.println(text);
    Path out = Path.of(opts.getOrDefault("out", "benchmarks/target/apps.md"));
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.writeString(out, text);
    System.out.println("report written to " + out.toAbsolutePath());
    System.exit(0);
  }

  /** One launch of an application under an agent; returns its line for the progress output. */
  private interface LaunchBody {
    String run(
        String app, String agent, int run, ScriptedModelServer model, Path launchDir, String load)
        throws IOException, InterruptedException;
  }

  /**
   * What every kind of launch shares: the applications and agents launched, the folder the launches
   * write in, the folders of the launches done, and the report.
   */
  private record Rounds(
      List<String> apps, List<String> agents, Path workDir, List<Path> done, AppReport report) {
    /**
     * Runs {@code count} rounds of launches of {@code kind}: in each, every application under every
     * agent, each with a scripted model of its own and a folder of its own ({@code
     * <app>-<agent>-<run>}, or {@code <app>-<agent>-start-<run>} for start-only launches). A failed
     * launch is reported and the rest go on.
     */
    void inTurn(int count, String kind, LaunchBody body) throws IOException, InterruptedException {
      for (int run = 1; run <= count; run++) {
        for (String app : apps) {
          for (String agent : agents) {
            String load = Report.loadAverage();
            String name = app + "-" + agent + (kind.equals("run") ? "-" : "-" + kind + "-") + run;
            Path launchDir = Files.createDirectories(workDir.resolve(name));
            try (ScriptedModelServer model =
                ScriptedModelServer.startCounting(Scripts.conversational())) {
              System.out.println(body.run(app, agent, run, model, launchDir, load));
              done.add(launchDir);
            } catch (IOException | RuntimeException e) {
              String why = e.getMessage() + " (its standard error is in " + launchDir + ")";
              report.failed(app, agent, run, kind.equals("run") ? why : kind + "-only: " + why);
              System.out.println(app + " / " + agent + " " + kind + " " + run + " FAILED: " + why);
            }
          }
        }
      }
    }
  }

  /** Returns one launch of {@code app} under {@code agent}, talking to {@code model}. */
  private static AppLaunch launch(
      Map<String, String> opts,
      String app,
      String agent,
      ScriptedModelServer model,
      LoopbackSink otlp,
      Path launchDir) {
    return new AppLaunch(
        command(opts, app, agent, model, otlp, launchDir),
        app.equals("langchain4j")
            ? Map.of("OPENAI_API_KEY", "bench", "OPENAI_BASE_URL", model.baseUrl())
            : Map.of(),
        launchDir.resolve("stderr.txt"));
  }

  /** Returns the command line of one launch: the JVM, the agent's flags, the application. */
  private static List<String> command(
      Map<String, String> opts,
      String app,
      String agent,
      ScriptedModelServer model,
      LoopbackSink otlp,
      Path launchDir) {
    List<String> command = new ArrayList<>();
    command.add(StartupProbe.currentJava());
    // The same heap limit under every agent, so peak memory compares like with like.
    command.add("-Xmx1g");
    // The driver answers at once too (see NO_DELAY); the applications do not serve HTTP otherwise.
    command.add("-D" + LoopbackSink.NO_DELAY + "=true");
    for (String flag : opts.getOrDefault("jvm.args", "").split(" ")) {
      if (!flag.isBlank()) {
        command.add(flag.replace("{launch}", launchDir.getFileName().toString()));
      }
    }
    switch (agent) {
      case "none" -> {}
      case "weft" -> {
        command.add("-javaagent:" + opts.get("weft.agent"));
        command.add("-Dweft.json.dir=" + launchDir.resolve("traces"));
      }
      case "weft-otlp" -> {
        // Weft's agent exporting as the OpenTelemetry agent does here, to the same sink: what the
        // agent costs apart from its default exporter's files.
        command.add("-javaagent:" + opts.get("weft.agent"));
        command.add("-Dweft.exporters=otlp");
        command.add("-Dweft.otlp.protocol=http/protobuf");
        command.add("-Dweft.otlp.endpoint=" + otlp.baseUrl() + "/v1/traces");
      }
      case "otel" -> {
        command.add("-javaagent:" + opts.get("otel.agent"));
        command.add("-Dotel.metrics.exporter=none");
        command.add("-Dotel.logs.exporter=none");
        command.add("-Dotel.traces.exporter=otlp");
        command.add("-Dotel.exporter.otlp.protocol=http/protobuf");
        command.add("-Dotel.exporter.otlp.traces.endpoint=" + otlp.baseUrl() + "/v1/traces");
      }
      default ->
          throw new IllegalArgumentException(
              "unknown agent " + agent + ": none|weft|weft-otlp|otel");
    }
    String driver = opts.get("driver");
    switch (app) {
      case "langchain4j" -> {
        command.add("-cp");
        command.add(opts.get("langchain4j.jar") + java.io.File.pathSeparator + driver);
        command.add(AppServer.class.getName());
        command.add("main:dev.weft.sample.langchain4j.SupportDeskSample");
      }
      case "spring-ai" -> {
        // Spring Boot's PropertiesLauncher runs the fat jar with the driver on loader.path.
        command.add("-Dloader.path=" + driver);
        command.add("-Dloader.main=" + AppServer.class.getName());
        command.add("-cp");
        command.add(opts.get("spring-ai.jar"));
        command.add(SPRING_LAUNCHER);
        command.add("spring:com.acme.travel.TravelDeskApplication");
        command.add("--spring.ai.openai.base-url=http://127.0.0.1:" + model.port());
      }
      default ->
          throw new IllegalArgumentException(
              "unknown application " + app + ": langchain4j|spring-ai");
    }
    return command;
  }

  private static long traceFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.startsWith("trace_") && name.endsWith(".json"))
          .count();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
