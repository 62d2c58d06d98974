package dev.weft.it.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.assistant.AssistantApp;
import dev.weft.SpanRecord;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.scripted.ModelRequest;
import dev.weft.scripted.ScriptedModelServer;
import dev.weft.scripted.Scripts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unmodified application on the official OpenAI Java SDK, run once without and once with only
 * the agent: the same output, a {@code generation} span per chat completion and a {@code response}
 * span per Responses API call, each with model and usage, streamed or not, blocking or async; a
 * failing request is the span's error. The same tests run on the lowest supported version and on
 * the newest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiJavaIT {
  private ScriptedModelServer model;

  @BeforeAll
  void startModel() throws Exception {
    model = ScriptedModelServer.start(Scripts.conversational());
  }

  @AfterAll
  void stopModel() {
    model.close();
  }

  /** Runs a scenario without and with the agent and checks what holds for every scenario. */
  private AppRun run(Path work, String scenario, String agentOptions) throws Exception {
    AppRun plain = AppRun.plain(work.resolve("plain"), AssistantApp.class, scenario, model.baseUrl());
    AppRun traced =
        AppRun.traced(
            work.resolve("traced"), agentOptions, AssistantApp.class, scenario, model.baseUrl());
    assertThat(plain.exitCode).as(plain.describe()).isZero();
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).as(traced.describe()).isEqualTo(plain.stdout);
    assertThat(traced.stderr).as(traced.describe()).doesNotContain("WARN", "ERROR", "Exception");
    return traced;
  }

  @Test
  void chatCompletionWithToolRoundTrip(@TempDir Path work) throws Exception {
    AppRun traced = run(work, "tools", "");

    assertThat(traced.stdout).contains("tool lookupOrder", "Based on the tools: order 42 shipped");
    List<SpanRecord> generations = traced.spans("generation");
    assertThat(generations).as(traced.describe()).hasSize(2);
    assertThat(traced.spans("response")).isEmpty();

    GenerationSpanData askTool = (GenerationSpanData) generations.get(0).data();
    assertThat(askTool.model()).isEqualTo("gpt-4.1-mini");
    assertThat(askTool.modelConfig())
        .containsEntry("temperature", 0.2)
        .containsEntry("max_tokens", 200L)
        .containsEntry("tools", List.of("lookupOrder"))
        .containsEntry("finish_reason", "tool_calls");
    assertThat(message(askTool.input(), 0)).containsEntry("role", "system");
    assertThat(message(askTool.input(), 1))
        .containsEntry("role", "user")
        .containsEntry("content", "Where is my order 42?");
    Map<?, ?> call = (Map<?, ?>) ((List<?>) message(askTool.output(), 0).get("tool_calls")).get(0);
    assertThat(call.get("function").toString()).contains("lookupOrder", "orderId", "42");
    assertUsage(askTool.usage());

    GenerationSpanData answer = (GenerationSpanData) generations.get(1).data();
    assertThat(answer.input()).hasSize(4);
    assertThat(message(answer.input(), 3))
        .containsEntry("role", "tool")
        .containsEntry("content", "order 42 shipped yesterday");
    assertThat(message(answer.output(), 0).get("content").toString())
        .isEqualTo("Based on the tools: order 42 shipped yesterday");
    assertThat(answer.modelConfig()).containsEntry("finish_reason", "stop");
    assertUsage(answer.usage());
    assertThat(generations).allSatisfy(span -> assertThat(span.error()).isNull());
  }

  @Test
  void streamedCompletionEndsWithItsUsage(@TempDir Path work) throws Exception {
    AppRun traced = run(work, "streaming", "");

    List<SpanRecord> generations = traced.spans("generation");
    assertThat(generations).as(traced.describe()).hasSize(1);
    GenerationSpanData data = (GenerationSpanData) generations.get(0).data();
    assertThat(data.model()).isEqualTo("gpt-4.1-nano");
    assertThat(message(data.output(), 0).get("content").toString())
        .isEqualTo("Answer: Tell me a short story");
    assertThat(traced.stdout).contains("streamed: Answer: Tell me a short story");
    assertUsage(data.usage());
    assertThat(generations.get(0).endedAtMicros()).isPositive();
  }

  @Test
  void asyncClientRequestAndStream(@TempDir Path work) throws Exception {
    AppRun traced = run(work, "async", "");

    List<SpanRecord> generations = traced.spans("generation");
    assertThat(generations).as(traced.describe()).hasSize(2);
    for (SpanRecord span : generations) {
      GenerationSpanData data = (GenerationSpanData) span.data();
      assertThat(data.model()).isEqualTo("gpt-4.1-mini");
      assertThat(message(data.output(), 0).get("content").toString())
          .isEqualTo("Answer: What is the capital of France");
      assertUsage(data.usage());
      assertThat(span.error()).isNull();
    }
  }

  @Test
  void responsesApiPlainAndStreamed(@TempDir Path work) throws Exception {
    AppRun traced = run(work, "responses", "");

    assertThat(traced.stdout)
        .contains("response: Answer: Name a colour", "response streamed: Answer: Name a fruit");
    List<SpanRecord> responses = traced.spans("response");
    assertThat(responses).as(traced.describe()).hasSize(2);
    assertThat(traced.spans("generation")).isEmpty();
    for (SpanRecord span : responses) {
      ResponseSpanData data = (ResponseSpanData) span.data();
      assertThat(data.responseId()).startsWith("resp_");
      assertUsage(data.usage());
      assertThat(span.metadata()).containsEntry("model", "gpt-4.1-mini");
      assertThat(span.error()).isNull();
    }
    List<String> ids = responses.stream().map(s -> ((ResponseSpanData) s.data()).responseId()).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void failedRequestIsTheSpansErrorAndReachesTheApplication(@TempDir Path work) throws Exception {
    AppRun traced = run(work, "failure", "");

    assertThat(traced.stdout).isEqualTo("failed: InternalServerException\n");
    List<SpanRecord> generations = traced.spans("generation");
    assertThat(generations).as("one span for the request and its retry\n" + traced.describe()).hasSize(1);
    assertThat(generations.get(0).error()).isNotNull();
    assertThat(generations.get(0).error().toString()).contains("InternalServerException");
    long failed =
        model.requests().stream()
            .map(ModelRequest::lastUserText)
            .filter(text -> text.contains("[fail:500]"))
            .count();
    assertThat(failed).as("retried once, in each of the two runs").isEqualTo(4);
  }

  @Test
  void outerGenerationSpanIsFilledInRatherThanRepeated(@TempDir Path work) throws Exception {
    AppRun traced = run(work, "layered", "");

    List<SpanRecord> generations = traced.spans("generation");
    assertThat(generations).as(traced.describe()).hasSize(1);
    GenerationSpanData data = (GenerationSpanData) generations.get(0).data();
    assertThat(data.model()).isEqualTo("gpt-4.1-nano");
    assertUsage(data.usage());
  }

  @Test
  void noMessageTextWithoutSensitiveData(@TempDir Path work) throws Exception {
    AppRun traced = run(work, "tools", "include-sensitive-data=false");

    List<SpanRecord> generations = traced.spans("generation");
    assertThat(generations).as(traced.describe()).hasSize(2);
    for (SpanRecord span : generations) {
      GenerationSpanData data = (GenerationSpanData) span.data();
      assertThat(data.model()).isEqualTo("gpt-4.1-mini");
      assertUsage(data.usage());
    }
    assertThat(traced.files)
        .isNotEmpty()
        .doesNotContain("Where is my order", "You help customers", "shipped yesterday", "orderId");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> message(List<Object> messages, int index) {
    assertThat(messages).hasSizeGreaterThan(index);
    return (Map<String, Object>) messages.get(index);
  }

  private static void assertUsage(dev.weft.data.Usage usage) {
    assertThat(usage).isNotNull();
    assertThat(usage.inputTokens()).isPositive();
    assertThat(usage.outputTokens()).isPositive();
    assertThat(usage.details()).containsKeys("cached_tokens", "reasoning_tokens");
  }
}
