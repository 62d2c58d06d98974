package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.SupportDeskApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of the built agent jar ({@code java -jar weft-agent.jar ...}) on the traces of
 * two real runs of the support desk application under the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private Path work;
  private Path first;
  private Path second;

  @BeforeAll
  void runTheApplicationTwice() throws Exception {
    work = Files.createTempDirectory(temp, "cli");
    AgentRun.Result one = AgentRun.of(SupportDeskApp.class, work.resolve("one")).run();
    AgentRun.Result two = AgentRun.of(SupportDeskApp.class, work.resolve("two")).run();
    assertThat(one.exitCode()).as(one.describe()).isZero();
    assertThat(two.exitCode()).as(two.describe()).isZero();
    first = fileOf(one.traces(), "Support desk");
    second = fileOf(two.traces(), "Support desk");
  }

  private static Path fileOf(TraceFiles traces, String workflow) {
    String id = traces.workflow(workflow).trace().path("id").asText();
    return traces.dir().resolve(id + ".json");
  }

  @Test
  void diff_ofTwoRuns_alignsEverySpanAndExitsZero() throws Exception {
    Run diff = weft("diff", first.toString(), second.toString());

    assertThat(diff.exitCode).as(diff.err).isZero();
    assertThat(diff.out)
        .contains("A  " + first.getFileName().toString().replace(".json", "") + "  Support desk")
        .containsPattern("(?m)^total duration  .+ -> .+$")
        .containsPattern("(?m)^spans           \\d+ same, \\d+ changed, 0 only in A, 0 only in B$");
    assertThat(diff.out.lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(200));
  }

  @Test
  void exportOtlp_writesEverySpanOfTheTraceAsOtlpJson() throws Exception {
    Path target = work.resolve("support-desk.otlp.json");

    Run export = weft("export", "--otlp", first.toString(), "-o", target.toString());

    assertThat(export.exitCode).as(export.err).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode request = json.readTree(target.toFile());
    JsonNode spans = request.path("resourceSpans").path(0).path("scopeSpans").path(0).path("spans");
    JsonNode file = json.readTree(first.toFile());
    // Every span of the trace file, and the trace's own invoke_workflow span.
    assertThat(spans.size()).isEqualTo(file.path("spans").size() + 1);
    String traceHex = file.path("trace").path("id").asText().substring("trace_".length());
    List<String> names = new ArrayList<>();
    for (JsonNode span : spans) {
      assertThat(span.path("traceId").asText()).isEqualTo(traceHex);
      assertThat(span.path("spanId").asText()).matches("[0-9a-f]{16}");
      assertThat(span.path("startTimeUnixNano").isTextual()).isTrue();
      names.add(span.path("name").asText());
    }
    assertThat(names).anyMatch(n -> n.startsWith("invoke_agent "));
    assertThat(names).filteredOn(n -> n.startsWith("invoke_workflow ")).hasSize(1);
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run weft(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(AgentRun.AGENT_JAR.toString());
    command.addAll(List.of(args));
    Process process = AgentRun.start(command);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), AgentRun.outputOf(process), AgentRun.errorsOf(process));
  }
}
