package dev.weft.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleAppTest {

  @Test
  void run_withoutApiKey_runsEveryConversationOnTheScriptedModel() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int status = SampleApp.run(Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(out)
        .contains("scripted offline model")
        .contains("[conv-podcast-001]")
        .contains("recorded after 1 retry")
        .contains("follow-up answered by Transcript specialist")
        .contains("[conv-podcast-002]")
        .contains("stopped: guardrail topic_is_allowed tripped")
        .contains("follow-up answered by Sponsorship specialist")
        .contains("3 requests in ");
  }

  @Test
  void run_withApiKey_callsTheConfiguredChatCompletionsEndpoint() throws Exception {
    try (ChatCompletionsServer server = new ChatCompletionsServer()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Map<String, String> env =
          Map.of(
              "OPENAI_API_KEY", "sk-loopback-test-key",
              "OPENAI_BASE_URL", server.baseUrl(),
              "WEFT_SAMPLE_MODEL", "gpt-test-mini");

      int status = SampleApp.run(env, new PrintStream(bytes, true, StandardCharsets.UTF_8));

      String out = bytes.toString(StandardCharsets.UTF_8);
      assertThat(status).isZero();
      assertThat(out)
          .contains("gpt-test-mini at " + server.baseUrl() + "/chat/completions")
          .contains("3 keywords")
          .contains("follow-up answered by Transcript specialist")
          .contains("follow-up answered by Sponsorship specialist")
          .contains("stopped: guardrail topic_is_allowed tripped");
      assertThat(server.received())
          .isNotEmpty()
          .allSatisfy(
              request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/v1/chat/completions");
                assertThat(request.authorization()).isEqualTo("Bearer sk-loopback-test-key");
                assertThat(request.body().path("model").asText()).isEqualTo("gpt-test-mini");
                assertThat(request.body().path("messages").path(0).path("role").asText())
                    .isEqualTo("system");
              });
    }
  }

  @Test
  void run_whenTheEndpointFails_reportsEachConversationAndReturnsOne() throws Exception {
    try (ChatCompletionsServer server = new ChatCompletionsServer()) {
      server.failWith(500);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();

      int status =
          SampleApp.run(
              Map.of("OPENAI_API_KEY", "sk-loopback", "OPENAI_BASE_URL", server.baseUrl() + "/"),
              new PrintStream(bytes, true, StandardCharsets.UTF_8));

      assertThat(status).isEqualTo(1);
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .contains("[conv-podcast-001] \"The history of the Java programming language\": failed")
          .contains("HTTP 500")
          .contains("3 requests in ");
    }
  }
}
