package dev.weft.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Received;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpSensitiveDataTest {
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
    OtlpExporterTest.runThrough(
        "include-sensitive-data=" + sensitive,
        Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", server.uri("/v1/traces").toString()),
        CANARY);
    List<Received> requests = server.awaitRequests(1, 5000);
    assertThat(requests).hasSize(1);
    assertThat(Collected.spans(requests)).hasSize(15);
    // Protobuf carries strings as UTF-8 bytes, so the raw body shows any leak.
    return new String(requests.get(0).body(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void payload_withoutSensitiveData_neverHoldsCapturedContent() throws Exception {
    assertThat(payload(false)).doesNotContain(CANARY);
  }

  @Test
  void payload_withSensitiveData_holdsCapturedContent() throws Exception {
    assertThat(payload(true)).contains(CANARY);
  }
}
