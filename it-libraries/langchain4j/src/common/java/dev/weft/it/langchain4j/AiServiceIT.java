package dev.weft.it.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.support.SupportApp;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.scripted.ScriptedModelServer;
import dev.weft.scripted.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unmodified LangChain4j application (AI services with tools and memory, streaming, a failing
 * model) run with only the agent: one trace per AI service call, the agent span of the call, a
 * generation span per model request with model and usage, and the tools as function spans under
 * the agent. The same tests run on the lowest supported version and on the newest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiServiceIT {
  private ScriptedModelServer model;

  @BeforeAll
  void startModel() throws Exception {
    model = ScriptedModelServer.start(Scripts.conversational());
  }

  @AfterAll
  void stopModel() {
    model.close();
  }

  @Test
  void assistantWithToolsAndMemory(@TempDir Path work) throws Exception {
    AppRun plain = AppRun.run(work.resolve("plain"), false, "", SupportApp.class, "assistant", model.baseUrl());
    AppRun traced = AppRun.run(work.resolve("traced"), true, "", SupportApp.class, "assistant", model.baseUrl());

    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).isEqualTo(plain.stdout);
    assertThat(traced.stderr).as(traced.describe()).doesNotContain("WARN", "ERROR", "Exception");
    assertThat(traced.traces).as(traced.describe()).hasSize(2);

    AppRun.Trace first = traced.traces.get(0);
    assertThat(first.workflow()).isEqualTo("Assistant");
    // LangChain4j offers the tools in the order reflection lists the methods, which may change
    // from one run to the next; the model calls them in the order offered.
    List<String> lines = List.of(first.tree().split("\n"));
    assertThat(lines).as(traced.describe()).hasSize(6);
    assertThat(lines.subList(0, 3))
        .containsExactly("trace Assistant", "  agent Assistant", "    generation gpt-4.1-mini");
    assertThat(lines.subList(3, 5))
        .containsExactlyInAnyOrder("    function lookupOrder", "    function weather");
    assertThat(lines.get(5)).isEqualTo("    generation gpt-4.1-mini");
    JsonNode agent = first.span("agent", "Assistant");
    assertThat(names(agent.at("/span_data/tools"))).containsExactlyInAnyOrder("lookupOrder", "weather");
    assertThat(agent.at("/span_data/output_type").asText()).isEqualTo("String");

    List<JsonNode> generations = first.spans("generation");
    JsonNode askTools = generations.get(0).path("span_data");
    assertThat(askTools.path("model").asText()).isEqualTo("gpt-4.1-mini");
    assertThat(askTools.at("/model_config/temperature").asDouble()).isEqualTo(0.2);
    assertThat(askTools.at("/input/0/role").asText()).isEqualTo("user");
    assertThat(askTools.at("/input/0/content").asText()).isEqualTo("Where is my order 42?");
    assertThat(askTools.at("/output/0/role").asText()).isEqualTo("assistant");
    assertThat(askTools.at("/output/0/tool_calls")).hasSize(2);
    assertThat(askTools.at("/usage/input_tokens").asLong()).isPositive();
    assertThat(askTools.at("/usage/output_tokens").asLong()).isPositive();
    assertThat(askTools.at("/usage/cached_tokens").isNumber()).as(askTools.toString()).isTrue();
    assertThat(askTools.at("/usage/reasoning_tokens").isNumber()).isTrue();

    JsonNode answer = generations.get(1).path("span_data");
    JsonNode lookupCall = null;
    for (JsonNode call : answer.at("/input/1/tool_calls")) {
      if (call.at("/function/name").asText().equals("lookupOrder")) {
        lookupCall = call;
      }
    }
    assertThat(lookupCall).as(answer.toString()).isNotNull();
    assertThat(answer.at("/input/2/role").asText()).isEqualTo("tool");
    assertThat(answer.at("/output/0/content").asText()).startsWith("Based on the tools:");

    JsonNode lookupSpan = first.span("function", "lookupOrder");
    JsonNode lookup = lookupSpan.path("span_data");
    assertThat(lookup.path("input").asText()).isEqualTo("{\"orderId\":\"42\"}");
    // The call's id, which the model gave it and the tool result message answers.
    assertThat(lookupSpan.at("/metadata/tool_call_id").asText())
        .isNotEmpty()
        .isEqualTo(lookupCall.path("id").asText());
    assertThat(lookup.path("output").asText()).isEqualTo("order 42 shipped yesterday");

    // The second call remembers the first: its request carries the whole conversation.
    AppRun.Trace second = traced.traces.get(1);
    assertThat(second.tree())
        .isEqualTo("trace Assistant\n  agent Assistant\n    generation gpt-4.1-mini\n");
    assertThat(second.spans("generation").get(0).at("/span_data/input")).hasSizeGreaterThan(4);
  }

  @Test
  void aSecondStart_takesLangChain4jsWovenClassesFromTheCache_andTracesTheSame(@TempDir Path work)
      throws Exception {
    List<String> ownTmpdir = List.of("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
    AppRun first = AppRun.run(work.resolve("first"), true, ownTmpdir, "log.level=debug", SupportApp.class, "assistant", model.baseUrl());
    AppRun second = AppRun.run(work.resolve("second"), true, ownTmpdir, "log.level=debug", SupportApp.class, "assistant", model.baseUrl());

    assertThat(first.exitCode).as(first.describe()).isZero();
    assertThat(second.exitCode).as(second.describe()).isZero();
    List<String> woven = wovenLibraryClasses(first.stderr, false);
    assertThat(woven).as(first.describe()).contains("dev.langchain4j.service.DefaultAiServices$1");
    assertThat(wovenLibraryClasses(first.stderr, true)).isEmpty();
    assertThat(wovenLibraryClasses(second.stderr, true))
        .as(second.describe())
        .containsExactlyInAnyOrderElementsOf(woven);
    assertThat(wovenLibraryClasses(second.stderr, false)).as(second.describe()).isEmpty();
    assertThat(second.stdout).isEqualTo(first.stdout);
    assertThat(second.traces).hasSameSizeAs(first.traces);
    for (int i = 0; i < first.traces.size(); i++) {
      // Tools are offered, and so called, in the order reflection lists them.
      assertThat(second.traces.get(i).tree().lines().sorted().toList())
          .as(second.describe())
          .isEqualTo(first.traces.get(i).tree().lines().sorted().toList());
    }
  }

  /**
   * The LangChain4j classes a debug log says were woven: by this start when {@code fromCache} is
   * false, else taken from the cache of an earlier one.
   */
  private static List<String> wovenLibraryClasses(String log, boolean fromCache) {
    String prefix = "[weft] DEBUG woven ";
    String cached = " (from the cache)";
    return log.lines()
        .filter(line -> line.startsWith(prefix + "dev.langchain4j."))
        .filter(line -> line.endsWith(cached) == fromCache)
        .map(line -> line.substring(prefix.length(), line.length() - (fromCache ? cached.length() : 0)))
        .toList();
  }

  @Test
  void streamingAssistant_spansEndWithTheStream(@TempDir Path work) throws Exception {
    AppRun plain = AppRun.run(work.resolve("plain"), false, "", SupportApp.class, "streaming", model.baseUrl());
    AppRun traced = AppRun.run(work.resolve("traced"), true, "", SupportApp.class, "streaming", model.baseUrl());

    assertThat(traced.exitCode).as(traced.describe()).isZero();
    // LangChain4j 1.0 may hand back the results of a streamed answer's parallel tool calls in
    // either order, with or without the agent: the answers are compared as sets of tool results.
    assertThat(toolResults(traced.stdout)).isEqualTo(toolResults(plain.stdout));
    assertThat(traced.traces).as(traced.describe()).hasSize(1);
    AppRun.Trace trace = traced.traces.get(0);
    List<String> lines = List.of(trace.tree().split("\n"));
    assertThat(lines).as(traced.describe()).hasSize(6);
    assertThat(lines.subList(0, 3))
        .containsExactly(
            "trace StreamingAssistant", "  agent StreamingAssistant", "    generation gpt-4.1-nano");
    assertThat(lines.subList(3, 5))
        .containsExactlyInAnyOrder("    function lookupOrder", "    function weather");
    assertThat(lines.get(5)).isEqualTo("    generation gpt-4.1-nano");
    JsonNode agent = trace.span("agent", "StreamingAssistant");
    JsonNode last = trace.spans("generation").get(1);
    assertThat(last.at("/span_data/output/0/content").asText()).startsWith("Based on the tools:");
    // The agent span ends when the stream completes, not when the call returned the stream.
    assertThat(agent.path("ended_at").asText()).isGreaterThanOrEqualTo(last.path("ended_at").asText());
    for (JsonNode generation : trace.spans("generation")) {
      assertThat(generation.at("/span_data/usage/output_tokens").asLong())
          .as(generation.toString())
          .isPositive();
    }
  }

  @Test
  void aFailingModel_isRecorded_andTheApplicationSeesTheSameException(@TempDir Path work)
      throws Exception {
    AppRun plain = AppRun.run(work.resolve("plain"), false, "", SupportApp.class, "failure", model.baseUrl());
    AppRun traced = AppRun.run(work.resolve("traced"), true, "", SupportApp.class, "failure", model.baseUrl());

    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).startsWith("failed: ").isEqualTo(plain.stdout);
    assertThat(traced.traces).as(traced.describe()).hasSize(1);
    assertThat(traced.traces.get(0).tree())
        .isEqualTo("trace Assistant\n  agent Assistant ERROR\n    generation gpt-4.1-mini ERROR\n");
  }

  @Test
  void aRateLimitedModel_isRecorded_andTheApplicationSeesTheSameException(@TempDir Path work)
      throws Exception {
    AppRun plain =
        AppRun.run(work.resolve("plain"), false, "", SupportApp.class, "rate-limited", model.baseUrl());
    AppRun traced =
        AppRun.run(work.resolve("traced"), true, "", SupportApp.class, "rate-limited", model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).startsWith("failed: ").isEqualTo(plain.stdout);
    assertThat(traced.traces.get(0).tree())
        .as(traced.describe())
        .isEqualTo("trace Assistant\n  agent Assistant ERROR\n    generation gpt-4.1-mini ERROR\n");
  }

  @Test
  void aStreamThatBreaksOff_endsItsSpansWithTheError(@TempDir Path work) throws Exception {
    AppRun plain =
        AppRun.run(work.resolve("plain"), false, "", SupportApp.class, "broken-stream", model.baseUrl());
    AppRun traced =
        AppRun.run(work.resolve("traced"), true, "", SupportApp.class, "broken-stream", model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).startsWith("failed: ").isEqualTo(plain.stdout);
    assertThat(traced.traces).as(traced.describe()).hasSize(1);
    AppRun.Trace trace = traced.traces.get(0);
    assertThat(trace.tree())
        .as(traced.describe())
        .isEqualTo(
            "trace StreamingAssistant\n  agent StreamingAssistant ERROR\n"
                + "    generation gpt-4.1-nano ERROR\n");
    assertThat(trace.span("agent", "StreamingAssistant").path("ended_at").isNull()).isFalse();
  }

  @Test
  void switchedOff_leavesNoTrace(@TempDir Path work) throws Exception {
    AppRun traced =
        AppRun.run(
            work,
            true,
            "instrumentation.langchain4j.enabled=false",
            SupportApp.class,
            "assistant",
            model.baseUrl());
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.traces).isEmpty();
  }

  private static java.util.Set<String> toolResults(String stdout) {
    java.util.Set<String> results = new java.util.TreeSet<>();
    for (String line : stdout.split("\n")) {
      results.add(line.substring(0, Math.max(0, line.indexOf(':'))));
      for (String part : line.substring(line.indexOf("tools:") + 6).split(";")) {
        results.add(part.strip());
      }
    }
    return results;
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(node -> names.add(node.asText()));
    return names;
  }
}
