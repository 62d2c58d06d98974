package dev.weft.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's command, {@code ./run-sample.sh}, as written (only the trace folder is chosen
 * through {@code WEFT_SAMPLE_TRACES}), and checks what the sample left behind under the agent.
 */
class SampleRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO =
      Path.of(System.getProperty("weft.repo.root", "..")).toAbsolutePath().normalize();

  @TempDir static Path traces;
  private static Run traced;
  private static List<JsonNode> files;

  private record Run(int status, String out) {}

  @BeforeAll
  static void runTheReadmeCommand() throws Exception {
    traced = runScript(traces);
    files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(traces)) {
      for (Path file : listing.filter(f -> f.toString().endsWith(".json")).toList()) {
        files.add(JSON.readTree(file.toFile()));
      }
    }
  }

  @Test
  void script_printsWhatTheSampleDidAOneLineSummaryPerTraceAndTheViewerPath() {
    assertThat(traced.status()).as(traced.out()).isZero();
    assertThat(traced.out())
        .contains("[conv-podcast-001]")
        .contains("stopped: guardrail topic_is_allowed tripped")
        .contains("Traces of this run:")
        .contains("Viewer: " + traces.toAbsolutePath() + "/index.html");
    assertThat(traced.out().lines().filter(line -> line.startsWith("trace_")))
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).contains("Podcast workflow").contains(" spans"));
    assertThat(traces.resolve("index.html")).isRegularFile();
    assertThat(files).hasSize(3);
  }

  @Test
  void podcastTrace_holdsEverySpanTypeWithGroupAndMetadataFromTheWorkflowParameters() {
    JsonNode trace = trace("conv-podcast-001");

    assertThat(trace.path("trace").path("workflow_name").asText()).isEqualTo("Podcast workflow");
    assertThat(trace.path("trace").path("metadata").path("user_id").asText()).isEqualTo("user-456");
    assertThat(spans(trace).stream().map(s -> s.path("span_data").path("type").asText()))
        .contains("agent", "function", "generation", "guardrail", "handoff", "mcp_tools", "custom");
    assertThat(named(trace, "custom", "load_show_profile")).hasSize(1);
    assertThat(named(trace, "custom", "publish_episode")).hasSize(1);
    JsonNode orchestrator = only(named(trace, "agent", "Orchestrator"));
    assertThat(texts(orchestrator.path("span_data").path("tools")))
        .containsExactlyInAnyOrder(
            "extract_keywords", "write_podcast_script", "write_audio", "notify_listener");
  }

  @Test
  void podcastTrace_nestsAgentsUsedAsToolsUnderTheirToolSpans() {
    JsonNode trace = trace("conv-podcast-001");
    JsonNode orchestrator = only(named(trace, "agent", "Orchestrator"));
    JsonNode keywordsTool = only(named(trace, "function", "extract_keywords"));
    JsonNode scriptTool = only(named(trace, "function", "write_podcast_script"));

    assertThat(parent(keywordsTool)).isEqualTo(id(orchestrator));
    assertThat(parent(scriptTool)).isEqualTo(id(orchestrator));
    assertThat(parent(only(named(trace, "agent", "KeywordAgent")))).isEqualTo(id(keywordsTool));
    assertThat(parent(only(named(trace, "agent", "PodcastWriter")))).isEqualTo(id(scriptTool));
    assertThat(
            named(trace, "guardrail", null).stream()
                .filter(g -> parent(g).equals(id(orchestrator)))
                .map(g -> g.path("span_data").path("name").asText() + "=" + triggered(g)))
        .containsExactlyInAnyOrder("topic_is_allowed=false", "no_pii_in_reply=false");
  }

  @Test
  void parallelToolsAndTheMcpListing_nestUnderThePodcastWriterAgent() {
    JsonNode trace = trace("conv-podcast-001");
    String writer = id(only(named(trace, "agent", "PodcastWriter")));

    assertThat(parent(only(named(trace, "function", "search_archive")))).isEqualTo(writer);
    assertThat(parent(only(named(trace, "function", "fetch_listener_questions"))))
        .isEqualTo(writer);
    JsonNode mcp = only(ofType(trace, "mcp_tools"));
    assertThat(parent(mcp)).isEqualTo(writer);
    assertThat(mcp.path("span_data").path("server").asText()).isEqualTo("episode-archive");
    assertThat(texts(mcp.path("span_data").path("result")))
        .containsExactly("search_archive", "fetch_listener_questions");
  }

  @Test
  void asyncGeneration_spansTheWholeModelCallAndEndsWithinItsAgent() {
    JsonNode trace = trace("conv-podcast-001");
    JsonNode writer = only(named(trace, "agent", "PodcastWriter"));
    JsonNode draft =
        only(
            ofType(trace, "generation").stream()
                .filter(g -> parent(g).equals(id(writer)))
                .toList());

    assertThat(Duration.between(start(draft), end(draft)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(ScriptedChatBackend.DRAFT_LATENCY_MILLIS - 5));
    // The writer joins a future that completes only once the draft's span has ended.
    assertThat(end(draft)).isBeforeOrEqualTo(end(writer));
    assertThat(draft.path("span_data").path("usage").path("output_tokens").asLong()).isPositive();
  }

  @Test
  void everyGeneration_carriesTokenUsage() {
    List<JsonNode> generations = ofType(trace("conv-podcast-001"), "generation");

    assertThat(generations).hasSizeGreaterThanOrEqualTo(5);
    assertThat(generations)
        .allSatisfy(
            g -> {
              assertThat(g.path("span_data").path("usage").path("input_tokens").asLong())
                  .isPositive();
              assertThat(g.path("span_data").path("usage").path("output_tokens").asLong())
                  .isPositive();
            });
  }

  @Test
  void retriedTool_showsOneErrorSpanThenOneSuccessfulSpan() {
    List<JsonNode> attempts = named(trace("conv-podcast-001"), "function", "write_audio");

    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).path("error").path("message").asText())
        .contains("audio studio busy");
    assertThat(attempts.get(1).path("error").isNull()).isTrue();
    assertThat(attempts.get(1).path("span_data").path("output").asText()).contains("studio://");
    assertThat(attempts.get(1).path("metadata").path("voice").asText()).isEqualTo("alloy");
  }

  @Test
  void triage_handsOffToTheSpecialistNamedByTheModel() {
    JsonNode trace = trace("conv-podcast-001");
    JsonNode triage = only(named(trace, "agent", "Triage"));
    JsonNode handoff = only(ofType(trace, "handoff"));

    assertThat(parent(handoff)).isEqualTo(id(triage));
    assertThat(handoff.path("span_data").path("from_agent").asText()).isEqualTo("Triage");
    assertThat(handoff.path("span_data").path("to_agent").asText())
        .isEqualTo("Transcript specialist");
    assertThat(named(trace, "agent", "Transcript specialist")).hasSize(1);
  }

  @Test
  void blockedTopic_recordsTheTrippedGuardrailAndTheStoppedAgent() {
    JsonNode trace = trace("conv-podcast-002");
    JsonNode guardrail = only(named(trace, "guardrail", "topic_is_allowed"));
    JsonNode orchestrator = only(named(trace, "agent", "Orchestrator"));

    assertThat(triggered(guardrail)).isTrue();
    assertThat(orchestrator.path("error").path("message").asText()).contains("tripped");
    assertThat(ofType(trace, "function")).isEmpty();
  }

  @Test
  void sensitiveValues_appearInNoTraceFile() throws IOException {
    try (Stream<Path> listing = Files.list(traces)) {
      for (Path file : listing.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
            .as(file.toString())
            .doesNotContain("listener@example.com");
      }
    }
  }

  @Test
  void untracedForm_runsTheSameSampleAndWritesNoTrace(@TempDir Path untracedTraces)
      throws Exception {
    Run untraced = runScript(untracedTraces, "--untraced");

    assertThat(untraced.status()).as(untraced.out()).isZero();
    assertThat(untraced.out()).contains("[conv-podcast-001]").contains("3 requests in ");
    try (Stream<Path> listing = Files.list(untracedTraces)) {
      assertThat(listing.filter(f -> f.toString().endsWith(".json"))).isEmpty();
    }
  }

  private static Run runScript(Path traceDir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("bash", REPO.resolve("run-sample.sh").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
    builder.environment().put("WEFT_SAMPLE_TRACES", traceDir.toString());
    // The scripted model keeps the run deterministic whatever the developer's environment holds.
    builder.environment().remove("OPENAI_API_KEY");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("run-sample.sh did not finish:\n" + out);
    }
    return new Run(process.exitValue(), out);
  }

  /** The first trace of the conversation {@code groupId}. */
  private static JsonNode trace(String groupId) {
    return files.stream()
        .filter(f -> f.path("trace").path("group_id").asText().equals(groupId))
        .min(Comparator.comparing(f -> Instant.parse(f.path("trace").path("started_at").asText())))
        .orElseThrow(() -> new AssertionError("no trace of " + groupId));
  }

  private static List<JsonNode> spans(JsonNode trace) {
    List<JsonNode> spans = new ArrayList<>();
    trace.path("spans").forEach(spans::add);
    return spans;
  }

  private static List<JsonNode> ofType(JsonNode trace, String type) {
    return filter(trace, s -> s.path("span_data").path("type").asText().equals(type));
  }

  /** Spans of {@code type} named {@code name} (any name when null), in start order. */
  private static List<JsonNode> named(JsonNode trace, String type, String name) {
    return filter(
        trace,
        s ->
            s.path("span_data").path("type").asText().equals(type)
                && (name == null || s.path("span_data").path("name").asText().equals(name)));
  }

  private static List<JsonNode> filter(JsonNode trace, Predicate<JsonNode> test) {
    return spans(trace).stream().filter(test).toList();
  }

  private static JsonNode only(List<JsonNode> nodes) {
    assertThat(nodes).hasSize(1);
    return nodes.get(0);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static String id(JsonNode span) {
    return span.path("id").asText();
  }

  private static String parent(JsonNode span) {
    return span.path("parent_id").asText("");
  }

  private static boolean triggered(JsonNode guardrail) {
    return guardrail.path("span_data").path("triggered").asBoolean();
  }

  private static Instant start(JsonNode span) {
    return Instant.parse(span.path("started_at").asText());
  }

  private static Instant end(JsonNode span) {
    return Instant.parse(span.path("ended_at").asText());
  }
}
