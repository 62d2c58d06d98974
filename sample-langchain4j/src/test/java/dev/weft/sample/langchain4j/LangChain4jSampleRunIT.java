package dev.weft.sample.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's command for the LangChain4j sample, {@code ./run-sample.sh --langchain4j}, as
 * written (only the trace folder is chosen), and checks the traces an application with no Weft code
 * leaves under the agent.
 */
class LangChain4jSampleRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO =
      Path.of(System.getProperty("weft.repo.root", "..")).toAbsolutePath().normalize();

  @Test
  void everyCallOfTheSampleIsATrace_withAgentsModelCallsAndTools(@TempDir Path traces)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", REPO.resolve("run-sample.sh").toString(), "--langchain4j")
            .directory(REPO.toFile())
            .redirectErrorStream(true);
    builder.environment().put("WEFT_SAMPLE_TRACES", traces.toString());
    builder.environment().remove("OPENAI_API_KEY");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(out).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("Model: scripted, offline")
        .contains("Assistant: Based on the tools:")
        .contains("Streamed: Based on the tools:")
        .contains("Traces of this run:")
        .contains("Viewer: " + traces.toAbsolutePath() + "/index.html");

    List<JsonNode> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(traces)) {
      for (Path file : listing.filter(f -> f.toString().endsWith(".json")).toList()) {
        files.add(JSON.readTree(file.toFile()));
      }
    }
    assertThat(files)
        .extracting(f -> f.at("/trace/workflow_name").asText())
        .containsExactlyInAnyOrder("Assistant", "Assistant", "StreamingAssistant", "replyWriter");
    for (JsonNode file : files) {
      List<String> types = new ArrayList<>();
      file.path("spans").forEach(s -> types.add(s.at("/span_data/type").asText()));
      assertThat(types).as(file.toString()).contains("agent", "generation");
      file.path("spans")
          .forEach(
              span -> {
                if (span.at("/span_data/type").asText().equals("generation")) {
                  assertThat(span.at("/span_data/model").asText()).isEqualTo("gpt-4.1-mini");
                  assertThat(span.at("/span_data/usage/input_tokens").asLong()).isPositive();
                }
              });
    }
    JsonNode writer =
        files.stream()
            .filter(f -> f.at("/trace/workflow_name").asText().equals("replyWriter"))
            .findFirst()
            .orElseThrow();
    List<String> agents = new ArrayList<>();
    writer
        .path("spans")
        .forEach(
            s -> {
              if (s.at("/span_data/type").asText().equals("agent")) {
                agents.add(s.at("/span_data/name").asText());
              }
            });
    assertThat(agents).containsExactly("replyWriter", "draft", "polish");
  }
}
