package dev.weft.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ScriptedModelServerTest {
  private static final String CHAT =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void start_keepsEveryRequestForAssertions() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.start(Scripts.conversational())) {
      HttpResponse<String> first = chat(server);
      chat(server);

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).contains("\"choices\"");
      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(0).model()).isEqualTo("gpt-4o-mini");
      assertThat(server.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void startCounting_answersAlikeAndCountsWithoutKeeping() throws Exception {
    try (ScriptedModelServer kept = ScriptedModelServer.start(Scripts.conversational());
        ScriptedModelServer counting =
            ScriptedModelServer.startCounting(Scripts.conversational())) {
      HttpResponse<String> expected = chat(kept);
      HttpResponse<String> answer = chat(counting);
      chat(counting);
      chat(counting);

      assertThat(answer.statusCode()).isEqualTo(expected.statusCode());
      assertThat(withoutIds(answer.body())).isEqualTo(withoutIds(expected.body()));
      assertThat(counting.requests()).isEmpty();
      assertThat(counting.requestCount()).isEqualTo(3);
    }
  }

  private HttpResponse<String> chat(ScriptedModelServer server)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CHAT))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The answer's text with its id and creation time, which differ between answers, left out. */
  private static String withoutIds(String body) {
    return body.replaceAll("\"id\":\"[^\"]*\"", "").replaceAll("\"created\":[0-9]+", "");
  }
}
