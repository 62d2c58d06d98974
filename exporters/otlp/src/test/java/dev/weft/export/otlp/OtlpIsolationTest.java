package dev.weft.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.fixtures.LoopbackServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter leaves an application's own OpenTelemetry alone and carries no OkHttp. */
class OtlpIsolationTest {

  @AfterEach
  void reset() {
    GlobalOpenTelemetry.resetForTest();
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  @Test
  void exporting_neverTouchesGlobalOpenTelemetry() throws Exception {
    try (LoopbackServer server = LoopbackServer.start()) {
      OtlpExporterTest.runThrough(
          "include-sensitive-data=true",
          Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", server.uri("/v1/traces").toString()),
          "x");
      assertThat(server.awaitRequests(1, 5000)).hasSize(1);
    }

    // set() fails once anything has called GlobalOpenTelemetry.get(), so this proves nobody did.
    assertThatCode(() -> GlobalOpenTelemetry.set(OpenTelemetry.noop())).doesNotThrowAnyException();
  }

  @Test
  void classpath_hasTheJdkSenderAndNoOkHttp() {
    assertThatCode(
            () ->
                Class.forName(
                    "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Class.forName("okhttp3.OkHttpClient"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
