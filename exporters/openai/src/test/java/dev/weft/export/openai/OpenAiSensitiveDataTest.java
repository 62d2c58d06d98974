package dev.weft.export.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.fixtures.EverySpanTypeRun;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Received;
import dev.weft.processor.BatchTraceProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiSensitiveDataTest {
  private static final String CANARY = "CANARY-5eb1c0de";
  private LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    server = LoopbackServer.start();
  }

  @AfterEach
  void stop() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    server.close();
  }

  private String payload(boolean sensitive) throws Exception {
    Tracing.configure(WeftConfig.load("exporters=none;include-sensitive-data=" + sensitive));
    OpenAiExporter exporter =
        OpenAiExporter.builder().endpoint(server.uri("/ingest")).apiKey("sk-test").build();
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter).scheduleDelay(Duration.ofSeconds(30)).build();
    Tracing.setProcessors(processor);
    EverySpanTypeRun.run(CANARY);
    Tracing.forceFlush();
    processor.shutdown();
    List<Received> requests = server.awaitRequests(1, 5000);
    assertThat(requests).hasSize(1);
    return requests.get(0).text();
  }

  @Test
  void payload_withoutSensitiveData_neverHoldsCapturedContent() throws Exception {
    String body = payload(false);

    assertThat(body).doesNotContain(CANARY).contains("\"type\":\"generation\"");
  }

  @Test
  void payload_withSensitiveData_holdsCapturedContent() throws Exception {
    assertThat(payload(true)).contains(CANARY);
  }
}
