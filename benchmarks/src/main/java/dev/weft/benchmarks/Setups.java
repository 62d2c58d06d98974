package dev.weft.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configurations of the side-by-side run, in the order they run: each Weft configuration right
 * after the OpenTelemetry one it is compared with, so a change of machine load touches both alike.
 */
final class Setups {
  /**
   * The heap of every measured JVM (the JMH forks and the exporter runs): fixed, so garbage
   * collection costs the same under every agent, and its pages touched as the JVM starts.
   * Untouched, the first touch of each page is a page fault on the measured thread: on this kind of
   * virtual machine 30,000 to 70,000 of them a second for the first four seconds or so, which took
   * the warm-up iterations and the first measured one to several times the steady figure.
   */
  static final List<String> HEAP = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

  private static final List<String> PLAIN =
      List.of("plainSpan", "plainTwoStrings", "plainThrowing");
  private static final List<String> WEFT = List.of("weftSpan", "weftTwoStrings", "weftThrowing");
  private static final List<String> OTEL = List.of("otelSpan", "otelTwoStrings", "otelThrowing");

  private Setups() {}

  /** Returns the JMH configurations. */
  static List<Setup> benchmarks(Path weftAgent, Path otelAgent, String sinkUrl, Path workDir) {
    List<Setup> setups = new ArrayList<>();
    setups.add(
        new Setup("plain", "none", null, HEAP, PLAIN, "no agent, methods without annotation"));
    setups.add(
        new Setup(
            "weft-disabled",
            "none",
            weftAgent,
            args(HEAP, weft(weftAgent, workDir), "-Dweft.disabled=true"),
            WEFT,
            "Weft agent, weft.disabled=true"));
    setups.add(
        new Setup(
            "otel-off",
            "otel",
            otelAgent,
            args(HEAP, otel(otelAgent), "-Dotel.traces.exporter=none"),
            OTEL,
            "OpenTelemetry agent, @WithSpan, otel.traces.exporter=none"));
    setups.add(
        new Setup(
            "weft-noop",
            "weft",
            weftAgent,
            args(HEAP, weft(weftAgent, workDir), "-Dweft.exporters=none"),
            WEFT,
            "Weft agent, weft.exporters=none (spans end in the no-op processor)"));
    setups.add(
        new Setup(
            "otel-on",
            "otel",
            otelAgent,
            args(HEAP, otel(otelAgent), otlp(sinkUrl)),
            OTEL,
            "OpenTelemetry agent, @WithSpan, OTLP http/protobuf exporter to a local discarding sink"));
    setups.add(
        new Setup(
            "weft-batch",
            "weft",
            weftAgent,
            args(
                HEAP,
                weft(weftAgent, workDir),
                "-Dweft.exporters=none",
                "-D" + AnnotatedMethodBenchmark.WEFT_EXPORTER_PROPERTY + "=discard"),
            WEFT,
            "Weft agent, batch processor + exporter serialising to JSON and discarding"));
    return setups;
  }

  /** Returns the hello-world launches: no agent, Weft's, OpenTelemetry's, each exporting. */
  static List<StartupProbe.Launch> startup(
      Path weftAgent, Path otelAgent, String sinkUrl, Path workDir) {
    List<StartupProbe.Launch> launches = new ArrayList<>();
    launches.add(new StartupProbe.Launch("none", List.of()));
    launches.add(
        new StartupProbe.Launch(
            "weft",
            List.of(
                "-javaagent:" + weftAgent,
                "-Dweft.json.dir=" + workDir.resolve("startup-traces"))));
    launches.add(new StartupProbe.Launch("otel", args(List.of(), otel(otelAgent), otlp(sinkUrl))));
    // The agent's first start on a machine, or after an upgrade: a temporary directory of its own,
    // emptied before each launch, holds neither the extracted runtime nor the classes woven before.
    Path firstStart = workDir.resolve("first-start-tmp");
    launches.add(
        new StartupProbe.Launch(
            "weft, first start",
            List.of(
                "-javaagent:" + weftAgent,
                "-Dweft.json.dir=" + workDir.resolve("startup-traces"),
                "-Djava.io.tmpdir=" + firstStart),
            firstStart));
    return launches;
  }

  private static String[] weft(Path weftAgent, Path workDir) {
    // Should anything fall back to the default json exporter, it writes to a temporary folder.
    return new String[] {
      "-javaagent:" + weftAgent, "-Dweft.json.dir=" + workDir.resolve("weft-traces")
    };
  }

  private static String[] otel(Path otelAgent) {
    return new String[] {
      "-javaagent:" + otelAgent, "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"
    };
  }

  private static String[] otlp(String sinkUrl) {
    return new String[] {
      "-Dotel.traces.exporter=otlp",
      "-Dotel.exporter.otlp.protocol=http/protobuf",
      "-Dotel.exporter.otlp.traces.endpoint=" + sinkUrl + "/v1/traces"
    };
  }

  private static List<String> args(List<String> base, Object... more) {
    List<String> all = new ArrayList<>(base);
    for (Object o : more) {
      if (o instanceof String[] many) {
        all.addAll(List.of(many));
      } else {
        all.add((String) o);
      }
    }
    return all;
  }
}
