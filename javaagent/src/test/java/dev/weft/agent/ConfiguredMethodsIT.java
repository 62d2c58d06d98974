package dev.weft.agent;

import static dev.weft.agent.TraceFiles.TraceFile.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.plain.PlainApp;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.agent.TraceFiles.TraceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Traces an application with no Weft annotations through {@code weft.methods} rules, given with a
 * bad agent option next to them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfiguredMethodsIT {
  private AgentRun.Result result;

  @BeforeAll
  void runApplication() throws Exception {
    Path work = Files.createTempDirectory("weft-methods");
    result =
        AgentRun.of(PlainApp.class, work)
            .agentArgs(
                "methods=com.acme.plain.PlainPlanner[plan]@agent;com.acme.plain.PlainTools[*]@tool;"
                    + "com.acme.plain.Step[*]@task;com.acme.plain.Fetcher[fetch];"
                    + "sampler.ratio=lots;packages=com.acme.plain")
            .run();
  }

  @Test
  void badAgentOption_isReportedOnOneLine_andTheApplicationRuns() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("plain done: fetched results for tides");
    assertThat(result.stderr().lines().filter(l -> l.contains("sampler.ratio")))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("[weft]").contains("lots"));
  }

  @Test
  void configuredMethods_becomeSpansOfTheConfiguredType() {
    TraceFile trace = result.traces().workflow("PlainPlanner");
    JsonNode planner = trace.span("agent", "PlainPlanner");
    assertThat(trace.children(planner))
        .extracting(s -> data(s).path("type").asText() + ":" + data(s).path("name").asText())
        .containsExactly("function:search", "custom:task", "custom:fetch");
    JsonNode task = trace.span("custom", "task");
    assertThat(data(task).path("data").path("name").asText()).isEqualTo("perform");
    assertThat(data(trace.span("function", "search")).path("output").asText())
        .isEqualTo("results for tides");
  }

  @Test
  void accessorsAndMethodsNotNamed_stayUntraced() {
    assertThat(result.traces().all()).hasSize(1);
    assertThat(result.traces().all().get(0).spans())
        .noneMatch(s -> data(s).path("name").asText().equals("getName"))
        .noneMatch(s -> data(s).path("name").asText().equals("notNamed"));
  }
}
