package dev.weft.agent;

import static dev.weft.agent.TraceFiles.TraceFile.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.attach.WaitingApp;
import dev.weft.agent.TraceFiles.TraceFile;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Loads the agent into a running JVM with {@code java -jar weft-agent.jar attach <pid>}. */
class AttachIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  @Test
  void attach_tracesCallsMadeAfterIt_inClassesLoadedBefore() throws Exception {
    Path work = Files.createTempDirectory(temp, "attach");
    Path traces = work.resolve("traces");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process app =
        AgentRun.start(
            List.of(java, "-cp", AgentRun.applicationClassPath(), WaitingApp.class.getName()));
    try {
      String pid = awaitReady(app);

      Process attach =
          AgentRun.start(
              List.of(
                  java,
                  "-jar",
                  AgentRun.AGENT_JAR.toString(),
                  "attach",
                  pid,
                  "json.dir=" + traces));
      assertThat(attach.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(attach.exitValue())
          .as(AgentRun.outputOf(attach) + AgentRun.errorsOf(attach))
          .isZero();
      assertThat(AgentRun.outputOf(attach)).contains("loaded into process " + pid);

      try (OutputStream in = app.getOutputStream()) {
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(app.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(app.exitValue()).as(AgentRun.errorsOf(app)).isZero();
      assertThat(AgentRun.errorsOf(app)).contains("[weft] agent attached");
    } finally {
      app.destroyForcibly();
    }

    TraceFiles files = TraceFiles.read(traces);
    TraceFile trace = files.workflow("attached");
    assertThat(trace.spans()).hasSize(1);
    assertThat(data(trace.span("function", "lookup")).path("output").asText())
        .isEqualTo("looked up after");
  }

  private static String awaitReady(Process app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (String line : AgentRun.outputOf(app).lines().toList()) {
        if (line.startsWith("ready ")) {
          return line.substring("ready ".length()).trim();
        }
      }
      assertThat(app.isAlive()).as(AgentRun.errorsOf(app)).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("the application never became ready: " + AgentRun.errorsOf(app));
  }
}
