package dev.weft.benchmarks;

import dev.weft.benchmarks.appdriver.AppServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One launch of an application served by {@link AppServer}: starts the JVM, waits for it to listen,
 * times the first answered request from the launch, puts it under a fixed concurrent load (a
 * warm-up, then the measured phase), reads its peak resident set size and stops it.
 */
final class AppLaunch {
  /** Spring Boot's own start-up line: {@code Started <name> in 5.869 seconds (...)}. */
  private static final Pattern SPRING_STARTED =
      Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  /**
   * What one launch under load measured.
   *
   * @param start its start-up, up to the first answered request
   * @param load the measured load phase
   * @param peakRssKb the peak resident set size ({@code VmHWM}) after the load, in kB
   * @param modelRequests requests the model server answered during the measured phase
   * @param warmupRates requests per second in each window of the warm-up, in order: whether the
   *     application had reached its steady rate before the measured phase
   * @param warmupCompilerMillis the CPU milliseconds the JIT compiler threads took in each window
   *     of the warm-up, in order; empty where the system does not tell them
   * @param cpuMicrosPerRequest the CPU time the application's process took during the measured
   *     phase (all its threads: the application's, the agent's, the JIT compilers' and the garbage
   *     collector's), per answered request, in µs; NaN when the system does not tell it
   */
  record Result(
      Start start,
      LoadGenerator.Stats load,
      double peakRssKb,
      long modelRequests,
      double[] warmupRates,
      long[] warmupCompilerMillis,
      double cpuMicrosPerRequest) {}

  /**
   * How long a launch warms up: at least {@code least}, then on while the JIT compilers are busy
   * (more than {@link #QUIET_COMPILERS_MILLIS} ms over the last two windows), up to {@code most}; a
   * {@code most} below {@code least} is raised to it.
   */
  record Warmup(Duration least, Duration most) {
    Warmup {
      if (most.compareTo(least) < 0) {
        most = least;
      }
    }
  }

  /**
   * The compilers' CPU over the last two warm-up windows below which the application's code counts
   * as compiled: 1 % of one core. Until then a launch measures how far its warm-up has got, and a
   * launch with an agent, having more code to compile on the same cores, gets less far in the same
   * time.
   */
  static final long QUIET_COMPILERS_MILLIS = 200;

  /**
   * What a launch measured of its start-up.
   *
   * @param springStartedSeconds Spring's "Started … in" figure, NaN when the application logs none
   * @param firstAnswerMillis wall time from launch to the first answered request
   * @param startRssKb the peak resident set size ({@code VmHWM}) when the first request was
   *     answered, in kB: the memory the start-up took
   */
  record Start(double springStartedSeconds, double firstAnswerMillis, double startRssKb) {}

  /**
   * The warm-up runs in windows of this length, and the rate of each is kept: the applications
   * measured here take a minute or more of load before their rate stops climbing (their code is
   * still being compiled), and the windows show where it levels off.
   */
  static final Duration WARMUP_WINDOW = Duration.ofSeconds(10);

  private final List<String> command;
  private final Map<String, String> environment;
  private final Path stderr;

  AppLaunch(List<String> command, Map<String, String> environment, Path stderr) {
    this.command = command;
    this.environment = environment;
    this.stderr = stderr;
  }

  /**
   * Runs the launch; {@code modelRequests} reads how many requests the model server has answered so
   * far.
   */
  Result run(int clients, Warmup warmup, Duration measured, LongSupplier modelRequests)
      throws IOException, InterruptedException {
    return launch(
        (process, load, start) -> {
          List<Double> warmupRates = new ArrayList<>();
          List<Long> compilerMillis = new ArrayList<>();
          warmUp(
              load,
              clients,
              warmup,
              CompilerThreads.of(process.pid()),
              warmupRates,
              compilerMillis);
          long modelBefore = modelRequests.getAsLong();
          Optional<Duration> cpuBefore = process.info().totalCpuDuration();
          LoadGenerator.Stats stats = load.run(clients, measured);
          Optional<Duration> cpuAfter = process.info().totalCpuDuration();
          long modelDuring = modelRequests.getAsLong() - modelBefore;
          double rss = peakRssKb(process.pid());
          double cpuPerRequest =
              cpuBefore.isPresent() && cpuAfter.isPresent() && stats.answered() > 0
                  ? cpuAfter.get().minus(cpuBefore.get()).toNanos() / 1e3 / stats.answered()
                  : Double.NaN;
          return new Result(
              start,
              stats,
              rss,
              modelDuring,
              warmupRates.stream().mapToDouble(Double::doubleValue).toArray(),
              compilerMillis.stream().mapToLong(Long::longValue).toArray(),
              cpuPerRequest);
        });
  }

  /** Starts the application, has it answer one request, and stops it: the start-up alone. */
  Start start() throws IOException, InterruptedException {
    return launch((process, load, start) -> start);
  }

  /** What a launch does once the application answered its first request. */
  private interface Then<T> {
    T run(Process process, LoadGenerator load, Start start)
        throws IOException, InterruptedException;
  }

  /**
   * Starts the application, times its first answered request, runs {@code then} and stops it with
   * SIGTERM.
   */
  private <T> T launch(Then<T> then) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().putAll(environment);
    long launched = System.nanoTime();
    Process process = builder.start();
    OutputWatcher output = new OutputWatcher(process.getInputStream());
    try {
      int port = output.port(process);
      LoadGenerator load = new LoadGenerator(URI.create("http://127.0.0.1:" + port + "/run"));
      String failure = load.once();
      double firstAnswer = (System.nanoTime() - launched) / 1e6;
      if (failure != null) {
        throw new IllegalStateException("the first request failed: " + failure);
      }
      Start start = new Start(output.springStarted(), firstAnswer, peakRssKb(process.pid()));
      return then.run(process, load, start);
    } finally {
      stop(process);
    }
  }

  /**
   * Runs the unmeasured load in windows of {@link #WARMUP_WINDOW} for {@code warmup.least()}, then
   * on while the compilers are busy, up to {@code warmup.most()}; adds each window's rate and, when
   * {@code compilers} can be read, the compilers' CPU in it.
   */
  private static void warmUp(
      LoadGenerator load,
      int clients,
      Warmup warmup,
      CompilerThreads compilers,
      List<Double> rates,
      List<Long> compilerMillis)
      throws InterruptedException {
    Duration done = Duration.ZERO;
    while (done.compareTo(warmup.most()) < 0) {
      if (done.compareTo(warmup.least()) >= 0 && quiet(compilers, compilerMillis)) {
        return;
      }
      // Up to the least warm-up's end first, so that it lasts exactly as long when it is enough.
      Duration left =
          (done.compareTo(warmup.least()) < 0 ? warmup.least() : warmup.most()).minus(done);
      Duration window = left.compareTo(WARMUP_WINDOW) < 0 ? left : WARMUP_WINDOW;
      rates.add(load.run(clients, window).requestsPerSecond());
      if (compilers != null) {
        compilerMillis.add(compilers.millisSinceLastReading());
      }
      done = done.plus(window);
    }
  }

  /**
   * Whether the compilers took at most {@link #QUIET_COMPILERS_MILLIS} over the last two windows;
   * true when they cannot be read, so that such a launch warms up for the least time, as it did
   * before the compilers were read.
   */
  private static boolean quiet(CompilerThreads compilers, List<Long> compilerMillis) {
    int n = compilerMillis.size();
    if (compilers == null || (n > 0 && compilerMillis.get(n - 1) < 0)) {
      return true;
    }
    return n > 1 && compilerMillis.get(n - 1) + compilerMillis.get(n - 2) <= QUIET_COMPILERS_MILLIS;
  }

  /** Stops the process with SIGTERM, so that its shutdown hooks (the exporters' flush) run. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static double peakRssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Double.parseDouble(line.substring(6).replace("kB", "").strip());
      }
    }
    return Double.NaN;
  }

  /**
   * Reads the application's standard output on a thread of its own, so that the pipe never fills:
   * finds the port the driver listens on and Spring's start-up figure, and keeps the last lines for
   * an error message.
   */
  private static final class OutputWatcher {
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile double springStarted = Double.NaN;

    OutputWatcher(InputStream in) {
      Thread reader = new Thread(() -> read(in), "app-output");
      reader.setDaemon(true);
      reader.start();
    }

    private void read(InputStream in) {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!port.isDone() && line.startsWith(AppServer.LISTENING)) {
            port.complete(Integer.parseInt(line.substring(AppServer.LISTENING.length()).strip()));
          }
          Matcher started = SPRING_STARTED.matcher(line);
          if (Double.isNaN(springStarted) && started.find()) {
            springStarted = Double.parseDouble(started.group(1));
          }
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > 40) {
              tail.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // The process ended; what was read is kept.
      }
      port.completeExceptionally(new IllegalStateException("the application ended"));
    }

    /** Waits until the driver listens; fails with the last output lines when it does not. */
    int port(Process process) throws InterruptedException {
      try {
        return port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException(
            "the application did not start serving (alive: "
                + process.isAlive()
                + "); last output:\n"
                + tail());
      }
    }

    double springStarted() {
      return springStarted;
    }

    private String tail() {
      synchronized (tail) {
        return String.join("\n", tail);
      }
    }
  }
}
