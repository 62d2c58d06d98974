package dev.weft.it.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.support.FrontDesk;
import com.acme.support.GuardrailApp;
import com.acme.support.McpApp;
import com.acme.support.StoryApp;
import com.acme.support.StructuredApp;
import com.acme.support.SupervisorApp;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.scripted.Reply;
import dev.weft.scripted.Script;
import dev.weft.scripted.ScriptedModelServer;
import dev.weft.scripted.Scripts;
import dev.weft.testing.CapturedTrace;
import dev.weft.testing.WeftAssertions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** langchain4j-agentic workflows and guardrails (LangChain4j 1.19), unmodified, under the agent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgenticIT {
  private ScriptedModelServer model;

  @BeforeAll
  void startModel() throws Exception {
    Script conversational = Scripts.conversational();
    // The supervisor's planner: the writer first, then done.
    model =
        ScriptedModelServer.start(
            request -> {
              String system = request.messages().get(0).path("content").asText("");
              if (!system.contains("planner expert")) {
                return conversational.answer(request);
              }
              return request.lastUserText().contains("last received response is: ''")
                  ? Reply.text("{\"agentName\":\"write\",\"arguments\":{\"topic\":\"owls\"}}")
                  : Reply.text("{\"agentName\":\"done\",\"arguments\":{\"response\":\"a story\"}}");
            });
  }

  @AfterAll
  void stopModel() {
    model.close();
  }

  @Test
  void workflows(@TempDir Path work) throws Exception {
    AppRun plain = AppRun.run(work.resolve("plain"), false, "", StoryApp.class, model.baseUrl());
    AppRun traced = AppRun.run(work.resolve("traced"), true, "", StoryApp.class, model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).isEqualTo(plain.stdout);
    List<CapturedTrace> traces = CapturedTrace.readFolder(work.resolve("traced").resolve("traces"));
    assertThat(traces)
        .extracting(CapturedTrace::workflowName)
        .as(traced.describe())
        .containsExactly("storyline", "storyAndReview", "polish", "onlyCritic");
    WeftAssertions.assertThat(traces.get(0))
        .hasSpanTree(
            """
            agent storyline
              agent write
                generation gpt-4.1-mini
              agent edit
                generation gpt-4.1-mini
            """);
    // The parallel agents run on the workflow's own pool, in either order, under the workflow.
    CapturedTrace parallel = traces.get(1);
    assertThat(parallel.agents()).containsExactlyInAnyOrder("storyAndReview", "write", "review");
    WeftAssertions.assertThat(parallel)
        .hasSpan("agent", "write")
        .hasParent("agent", "storyAndReview");
    WeftAssertions.assertThat(parallel)
        .hasSpan("agent", "review")
        .hasParent("agent", "storyAndReview");
    assertThat(parallel.spans("generation")).hasSize(2);
    WeftAssertions.assertThat(traces.get(2))
        .hasSpanTree(
            """
            agent polish
              agent edit
                generation gpt-4.1-mini
              agent edit
                generation gpt-4.1-mini
            """);
    WeftAssertions.assertThat(traces.get(3))
        .hasSpanTree(
            """
            agent onlyCritic
              agent review
                generation gpt-4.1-mini
            """);
  }

  @Test
  void supervisor(@TempDir Path work) throws Exception {
    AppRun plain =
        AppRun.run(work.resolve("plain"), false, "", SupervisorApp.class, model.baseUrl());
    AppRun traced =
        AppRun.run(work.resolve("traced"), true, "", SupervisorApp.class, model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).isEqualTo(plain.stdout);
    assertThat(traced.traces)
        .extracting(AppRun.Trace::tree)
        .as(traced.describe())
        .containsExactly(
            tree(
                "storyDesk",
                "  agent storyDesk",
                "    agent PlannerAgent",
                "      generation gpt-4.1-mini",
                "    handoff storyDesk -> write",
                "    agent write",
                "      generation gpt-4.1-mini",
                "    agent PlannerAgent",
                "      generation gpt-4.1-mini"));
  }

  @Test
  void anAnnotatedServiceInsideAnAnnotatedWorkflow_isOneAgentSpanUnderTheWorkflow(
      @TempDir Path work) throws Exception {
    AppRun traced = AppRun.run(work, true, "", FrontDesk.class, model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.traces)
        .extracting(AppRun.Trace::tree)
        .as(traced.describe())
        .containsExactly(tree("Front desk", "  agent Concierge", "    generation gpt-4.1-mini"));
  }

  @Test
  void mcpTools_areListedAndCalledUnderTheAgent(@TempDir Path work) throws Exception {
    AppRun plain = AppRun.run(work.resolve("plain"), false, "", McpApp.class, model.baseUrl());
    AppRun traced = AppRun.run(work.resolve("traced"), true, "", McpApp.class, model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).contains("remember the milk").isEqualTo(plain.stdout);
    assertThat(traced.traces)
        .extracting(AppRun.Trace::tree)
        .as(traced.describe())
        .containsExactly(
            tree(
                "Assistant",
                "  agent Assistant",
                "    mcp_tools acme-files",
                "    generation gpt-4.1-mini",
                "    function read_file",
                "    generation gpt-4.1-mini"));
    AppRun.Trace trace = traced.traces.get(0);
    assertThat(trace.span("mcp_tools", "acme-files").at("/span_data/result/0").asText())
        .isEqualTo("read_file");
    JsonNode call = trace.span("function", "read_file").path("span_data");
    assertThat(call.at("/mcp_data/server").asText()).isEqualTo("acme-files");
    assertThat(call.path("output").asText()).contains("remember the milk");
  }

  @Test
  void structuredOutput_recordsTheResponseFormatAndTheJsonAnswer(@TempDir Path work)
      throws Exception {
    AppRun plain =
        AppRun.run(work.resolve("plain"), false, "", StructuredApp.class, model.baseUrl());
    AppRun traced =
        AppRun.run(work.resolve("traced"), true, "", StructuredApp.class, model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).isEqualTo(plain.stdout).contains("OrderSummary[");
    AppRun.Trace trace = traced.traces.get(0);
    assertThat(trace.tree())
        .isEqualTo(tree("Summarizer", "  agent Summarizer", "    generation gpt-4.1-mini"));
    assertThat(trace.span("agent", "Summarizer").at("/span_data/output_type").asText())
        .isEqualTo("OrderSummary");
    JsonNode generation = trace.spans("generation").get(0).path("span_data");
    assertThat(generation.at("/model_config/response_format/type").asText()).isEqualTo("json");
    assertThat(generation.at("/model_config/response_format/schema").asText())
        .isEqualTo("OrderSummary");
    assertThat(generation.at("/output/0/content").asText()).contains("\"orderId\"");
  }

  @Test
  void guardrails(@TempDir Path work) throws Exception {
    AppRun plain =
        AppRun.run(work.resolve("plain"), false, "", GuardrailApp.class, model.baseUrl());
    AppRun traced =
        AppRun.run(work.resolve("traced"), true, "", GuardrailApp.class, model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).isEqualTo(plain.stdout);
    assertThat(traced.traces)
        .extracting(AppRun.Trace::tree)
        .as(traced.describe())
        .containsExactly(
            tree(
                "GuardedAssistant",
                "  agent GuardedAssistant",
                "    guardrail NoPasswords",
                "    generation gpt-4.1-mini",
                "    guardrail PoliteAnswers"),
            tree(
                "GuardedAssistant",
                "  agent GuardedAssistant ERROR",
                "    guardrail NoPasswords ERROR"));
    assertThat(
            traced
                .traces
                .get(0)
                .span("guardrail", "NoPasswords")
                .at("/span_data/triggered")
                .asBoolean())
        .isFalse();
    AppRun.Trace blocked = traced.traces.get(1);
    assertThat(blocked.span("guardrail", "NoPasswords").at("/span_data/triggered").asBoolean())
        .isTrue();
    assertThat(blocked.span("guardrail", "NoPasswords").at("/error/message").asText())
        .contains("the message carries a password");
    List<CapturedTrace> both = CapturedTrace.readFolder(work.resolve("traced").resolve("traces"));
    WeftAssertions.assertThat(both.get(0)).hasNoTrippedGuardrail().hasNoErrors();
    WeftAssertions.assertThat(both.get(1))
        .hasTrippedGuardrails("NoPasswords")
        .hasSpan("guardrail", "NoPasswords")
        .hasErrorContaining("the message carries a password");
  }

  private static String tree(String workflow, String... lines) {
    return "trace " + workflow + "\n" + String.join("\n", lines) + "\n";
  }
}
