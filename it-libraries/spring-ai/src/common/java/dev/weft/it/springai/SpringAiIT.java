package dev.weft.it.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SpanRecord;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.scripted.ScriptedModelServer;
import dev.weft.scripted.Scripts;
import dev.weft.testing.CapturedTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The travel desk, a Spring Boot fat jar on Spring AI with no Weft code, started with {@code java
 * -jar} and only {@code -javaagent:weft-agent.jar}, against a model server on loopback.
 */
class SpringAiIT {
  private static ScriptedModelServer model;
  private static BootJar plain;
  private static BootJar traced;

  @TempDir static Path work;

  @BeforeAll
  static void runTheDesk() throws Exception {
    model = ScriptedModelServer.start(Scripts.conversational());
    plain = BootJar.run(work.resolve("plain"), null, baseUrl());
    traced = BootJar.run(work.resolve("traced"), "", baseUrl());
  }

  @AfterAll
  static void stopTheModel() {
    if (model != null) {
      model.close();
    }
  }

  static String baseUrl() {
    // Spring AI 1.x adds /v1/chat/completions to the base URL; 2.x, built on openai-java, adds
    // chat/completions to a base URL that ends in /v1.
    boolean first = System.getProperty("spring-ai.version", "2").startsWith("1.");
    return "--spring.ai.openai.base-url=http://127.0.0.1:" + model.port() + (first ? "" : "/v1");
  }

  @Test
  void theApplicationPrintsWhatItPrintsWithoutTheAgent() {
    assertThat(plain.exitCode).as(plain.describe()).isZero();
    assertThat(plain.appLines()).as(plain.describe()).hasSize(6);
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.appLines()).as(traced.describe()).isEqualTo(plain.appLines());
    assertThat(traced.stderr).as(traced.describe()).doesNotContain("weft: ");
  }

  @Test
  void everyModelRequestIsAGenerationWithModelAndUsage() {
    long requests = model.requests().size() / 2; // the plain run and the traced run
    List<SpanRecord> generations =
        traced.traces.stream().flatMap(t -> t.spans("generation").stream()).toList();
    assertThat(generations).as(traced.describe()).hasSize((int) requests);
    for (SpanRecord span : generations) {
      GenerationSpanData data = (GenerationSpanData) span.data();
      assertThat(data.model()).as(traced.describe()).startsWith("gpt-4.1-mini");
      if (span.error() == null) {
        assertThat(data.usage()).as(traced.describe()).isNotNull();
        assertThat(data.usage().inputTokens()).isPositive();
        assertThat(data.usage().outputTokens()).isPositive();
      }
    }
  }

  @Test
  void aToolLoopIsOneAgentWithGenerationsAndTheToolsTheModelAskedFor() {
    CapturedTrace weather = traceAsking("What is the weather in Paris?");
    assertThat(weather.tree())
        .as(traced.describe())
        .contains("agent ")
        .contains("guardrail SafeGuardAdvisor")
        .contains("custom SimpleLoggerAdvisor")
        .contains("function weather")
        .contains("function freeSeats");
    SpanRecord agent = weather.spans("agent").get(0);
    assertThat(weather.parentOf(agent)).isEmpty();
    List<SpanRecord> generations = weather.spans("generation");
    assertThat(generations).hasSize(2);
    SpanRecord tool = weather.span("function", "weather").orElseThrow();
    assertThat(((FunctionSpanData) tool.data()).input()).contains("Paris");
    assertThat(((FunctionSpanData) tool.data()).output()).contains("Sunny and 21 degrees in Paris");
    // The tools run after the first model request ended and before the second began.
    assertThat(tool.startedAtMicros()).isGreaterThanOrEqualTo(generations.get(0).endedAtMicros());
    assertThat(tool.endedAtMicros()).isLessThanOrEqualTo(generations.get(1).startedAtMicros());
    assertThat(weather.placesOf("You are the travel desk of ACME")).isNotEmpty();
  }

  @Test
  void aStreamedCallEndsWithItsStreamAndKeepsItsTools() {
    CapturedTrace rome = traceAsking("What is the weather in Rome?");
    assertThat(rome.spans("generation")).as(traced.describe()).hasSize(2);
    assertThat(rome.span("function", "weather")).isPresent();
    SpanRecord agent = rome.spans("agent").get(0);
    for (SpanRecord span : rome.spans()) {
      assertThat(span.endedAtMicros()).isLessThanOrEqualTo(agent.endedAtMicros());
    }
  }

  @Test
  void theSafeGuardAdvisorBlockingIsATrippedGuardrailAndNoModelRequest() {
    List<CapturedTrace> tripped =
        traced.traces.stream().filter(t -> !t.trippedGuardrails().isEmpty()).toList();
    assertThat(tripped).as(traced.describe()).hasSize(1);
    CapturedTrace blocked = tripped.get(0);
    assertThat(blocked.trippedGuardrails()).containsExactly("SafeGuardAdvisor");
    assertThat(blocked.spans("agent")).hasSize(1);
    assertThat(blocked.spans("generation")).isEmpty();
    CapturedTrace weather = traceAsking("What is the weather in Paris?");
    SpanRecord passed = weather.span("guardrail", "SafeGuardAdvisor").orElseThrow();
    assertThat(((GuardrailSpanData) passed.data()).triggered()).isFalse();
  }

  @Test
  void structuredOutputDirectCallsAndFailuresAreTraced() {
    CapturedTrace trip = traceAsking("Plan a trip to Lisbon");
    assertThat(trip.spans("generation")).as(traced.describe()).hasSize(1);

    CapturedTrace direct = traceAsking("Say hello to the team");
    assertThat(direct.tree()).as(traced.describe()).doesNotContain("agent ");
    assertThat(direct.spans("generation")).hasSize(1);

    CapturedTrace failed = traceAsking("Book the flight [fail:500]");
    SpanRecord generation = failed.spans("generation").get(0);
    assertThat(generation.error()).as(traced.describe()).isNotNull();
    SpanRecord agent = failed.spans("agent").get(0);
    assertThat(agent.error()).isNotNull();
  }

  @Test
  void withoutSensitiveDataNoMessageTextIsWritten() throws Exception {
    BootJar quiet = BootJar.run(work.resolve("quiet"), "include-sensitive-data=false", baseUrl());
    assertThat(quiet.appLines()).as(quiet.describe()).isEqualTo(plain.appLines());
    assertThat(quiet.traces).isNotEmpty();
    try (Stream<Path> files = Files.list(work.resolve("quiet").resolve("traces"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file);
        assertThat(text)
            .doesNotContain("Paris")
            .doesNotContain("travel desk of ACME")
            .doesNotContain("Sunny");
      }
    }
  }

  @Test
  void anAnnotatedAgentAroundAChatClientNestsItAndEachRequestIsOneGeneration() throws Exception {
    int before = model.requests().size();
    BootJar run = BootJar.run(work.resolve("concierge"), "", baseUrl(), "--concierge");
    assertThat(run.appLines()).as(run.describe()).hasSize(1);
    assertThat(model.requests().size() - before).isEqualTo(1);
    assertThat(run.traces).as(run.describe()).hasSize(1);
    CapturedTrace trace = run.traces.get(0);
    assertThat(trace.tree())
        .as(run.describe())
        .endsWith(
            String.join(
                "\n",
                "  agent concierge",
                "    agent ChatClient",
                "      generation gpt-4.1-mini",
                ""));
    assertThat(trace.spans()).hasSize(3);
    GenerationSpanData generation = (GenerationSpanData) trace.spans("generation").get(0).data();
    assertThat(generation.usage()).isNotNull();
  }

  /** Returns the one trace whose spans mention {@code userText}. */
  private static CapturedTrace traceAsking(String userText) {
    return traced.traces.stream()
        .filter(t -> !t.placesOf(userText).isEmpty())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no trace asks " + userText + "\n" + traced.describe()));
  }
}
