package dev.weft.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Received;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter leaves an application's own OpenTelemetry alone, and sends HTTP with the JDK's
 * client even though OkHttp is there for gRPC.
 */
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
  void httpProtobuf_sendsWithTheJdkClient_thoughOkHttpIsThereForGrpc() throws Exception {
    List<LogRecord> sdkLog = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            sdkLog.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger sdkLogger = Logger.getLogger("io.opentelemetry");
    sdkLogger.addHandler(handler);
    try (LoopbackServer server = LoopbackServer.start()) {
      OtlpExporterTest.runThrough(
          "include-sensitive-data=true",
          Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", server.uri("/v1/traces").toString()),
          "x");

      Received request = server.awaitRequests(1, 5000).get(0);
      // The JDK's client offers HTTP/2 by upgrading a cleartext connection; OkHttp never does.
      assertThat(request.header("Upgrade")).isEqualTo("h2c");
    } finally {
      sdkLogger.removeHandler(handler);
    }
    assertThat(sdkLog).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("Multiple"));
    assertThatCode(() -> Class.forName("okhttp3.OkHttpClient")).doesNotThrowAnyException();
  }
}
