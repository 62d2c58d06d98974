package dev.weft.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Answer;
import dev.weft.fixtures.LoopbackServer.Received;
import dev.weft.internal.WeftLog;
import dev.weft.processor.BatchTraceProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpSettingsTest {
  private static final WeftConfig NO_ENDPOINT = WeftConfig.load("exporters=none");
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

  /** Exports one span with an exporter made from {@code env} and returns what the server got. */
  private List<Received> exportOneSpan(WeftConfig config, Map<String, String> env)
      throws Exception {
    Tracing.configure(config);
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(OtlpExporter.create(config, env))
            .scheduleDelay(Duration.ofSeconds(30))
            .build();
    Tracing.setProcessors(processor);
    try (Trace trace = Tracing.startTrace("env check");
        Span span = Tracing.startAgentSpan("a")) {
      span.setMetadata("k", "v");
    }
    Tracing.forceFlush();
    processor.shutdown();
    return server.awaitRequests(1, 5000);
  }

  @Test
  void read_withNothingSet_usesTheSpecificationDefaults() {
    OtlpSettings settings = OtlpSettings.read(NO_ENDPOINT, Map.of());

    assertThat(settings.protocol()).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
    assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:4318/v1/traces"));
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.compression()).isEqualTo("none");
    assertThat(settings.serviceName()).isEqualTo("unknown_service:java");
    assertThat(settings.headers()).isEmpty();
    assertThat(settings.tls()).isNull();
  }

  @Test
  void grpc_defaultsToPort4317_andTakesTheGeneralEndpointAsItIs() {
    assertThat(
            OtlpSettings.read(NO_ENDPOINT, Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))
                .endpoint())
        .isEqualTo(URI.create("http://localhost:4317"));
    assertThat(
            OtlpSettings.read(
                    NO_ENDPOINT,
                    Map.of(
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector:4317"))
                .endpoint())
        .isEqualTo(URI.create("https://collector:4317"));
  }

  @Test
  void httpJson_appendsTheTracesPathToTheGeneralEndpoint() {
    OtlpSettings settings =
        OtlpSettings.read(
            NO_ENDPOINT,
            Map.of(
                "OTEL_EXPORTER_OTLP_PROTOCOL", "HTTP/JSON",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"));

    assertThat(settings.protocol()).isEqualTo(OtlpProtocol.HTTP_JSON);
    assertThat(settings.endpoint()).isEqualTo(URI.create("http://collector:4318/v1/traces"));
  }

  @Test
  void protocol_tracesVariableWins_andWeftKeyWinsOverBoth() {
    Map<String, String> variables =
        Map.of(
            "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json",
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc");

    assertThat(OtlpSettings.read(NO_ENDPOINT, variables).protocol()).isEqualTo(OtlpProtocol.GRPC);
    assertThat(
            OtlpSettings.read(
                    WeftConfig.load("exporters=none;otlp.protocol=http/protobuf"), variables)
                .protocol())
        .isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
  }

  @Test
  void variables_systemPropertiesStandForVariables_andWinOverTheEnvironment() {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("otel.exporter.otlp.traces.protocol", "grpc");
    properties.setProperty("otel.service.name", "from-property");
    properties.setProperty("user.name", "not otel");

    Map<String, String> variables =
        OtlpSettings.variables(
            Map.of("OTEL_SERVICE_NAME", "from-env", "OTEL_EXPORTER_OTLP_TIMEOUT", "250"),
            properties);
    OtlpSettings settings = OtlpSettings.read(NO_ENDPOINT, variables);

    assertThat(settings.protocol()).isEqualTo(OtlpProtocol.GRPC);
    assertThat(settings.serviceName()).isEqualTo("from-property");
    assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(variables).doesNotContainKey("USER_NAME");
  }

  @Test
  void badWeftProtocol_isReportedWithTheKey_andTheDefaultUsed() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      OtlpSettings settings =
          OtlpSettings.read(WeftConfig.load("exporters=none;otlp.protocol=udp"), Map.of());

      assertThat(settings.protocol()).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("weft.otlp.protocol")
          .contains("udp")
          .contains("http/protobuf, http/json or grpc");
    } finally {
      WeftLog.setOutput(System.err);
    }
  }

  @Test
  void generalEndpoint_getsTheTracesPathAppended() throws Exception {
    List<Received> requests =
        exportOneSpan(
            NO_ENDPOINT,
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", server.uri("/collector/").toString()));

    assertThat(requests).extracting(Received::path).containsExactly("/collector/v1/traces");
  }

  @Test
  void tracesEndpoint_isUsedAsItIs_andWinsOverTheGeneralOne() throws Exception {
    List<Received> requests =
        exportOneSpan(
            NO_ENDPOINT,
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:9/never",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                server.uri("/custom/spans").toString()));

    assertThat(requests).extracting(Received::path).containsExactly("/custom/spans");
  }

  @Test
  void weftEndpoint_winsOverTheVariables() throws Exception {
    WeftConfig config =
        WeftConfig.load("exporters=none;otlp.endpoint=" + server.uri("/weft/v1/traces"));

    List<Received> requests =
        exportOneSpan(config, Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:9/x"));

    assertThat(requests).extracting(Received::path).containsExactly("/weft/v1/traces");
    assertThat(OtlpExporter.create(config, Map.of()).endpoint())
        .isEqualTo(server.uri("/weft/v1/traces"));
  }

  @Test
  void headers_arePercentDecoded_andTracesHeadersWin() throws Exception {
    List<Received> requests =
        exportOneSpan(
            NO_ENDPOINT,
            Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", server.uri("/v1/traces").toString(),
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=abc%20def, x-team=weft",
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-team=agents"));

    assertThat(requests.get(0).header("api-key")).isEqualTo("abc def");
    assertThat(requests.get(0).header("x-team")).isEqualTo("agents");
  }

  @Test
  void gzipCompression_isSentAndDecodes() throws Exception {
    List<Received> requests =
        exportOneSpan(
            NO_ENDPOINT,
            Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                server.uri("/v1/traces").toString(),
                "OTEL_EXPORTER_OTLP_COMPRESSION",
                "gzip"));

    assertThat(requests.get(0).header("Content-Encoding")).isEqualTo("gzip");
    assertThat(Collected.spans(requests))
        .extracting(s -> s.getName())
        .containsExactly("invoke_agent a", "invoke_workflow env check");
  }

  @Test
  void serviceNameAndResourceAttributes_comeFromTheVariables() throws Exception {
    List<Received> requests =
        exportOneSpan(
            NO_ENDPOINT,
            Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                server.uri("/v1/traces").toString(),
                "OTEL_RESOURCE_ATTRIBUTES",
                "service.name=from-resource,deployment.environment=test"));

    assertThat(Collected.attributes(Collected.resource(requests.get(0)).getAttributesList()))
        .contains(
            entry("service.name", "from-resource"),
            entry("deployment.environment", "test"),
            entry("telemetry.sdk.language", "java"));
  }

  @Test
  void serviceNameVariable_winsOverResourceAttributes() {
    OtlpSettings settings =
        OtlpSettings.read(
            NO_ENDPOINT,
            Map.of("OTEL_SERVICE_NAME", "svc", "OTEL_RESOURCE_ATTRIBUTES", "service.name=other"));

    assertThat(settings.serviceName()).isEqualTo("svc");
  }

  @Test
  void timeout_abandonsAServerThatNeverAnswers() throws Exception {
    server.otherwise(Answer.hang());
    WeftConfig config = WeftConfig.load("exporters=none");
    OtlpExporter exporter =
        OtlpExporter.create(
            config,
            Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                server.uri("/v1/traces").toString(),
                "OTEL_EXPORTER_OTLP_TIMEOUT",
                "300"));
    Tracing.configure(config);
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(exporter)
            .scheduleDelay(Duration.ofMillis(5))
            .exportTimeout(Duration.ofSeconds(1))
            .build();
    Tracing.setProcessors(processor);
    try (Span span = Tracing.startAgentSpan("a")) {
      span.setMetadata("k", "v");
    }
    server.awaitRequests(1, 5000);

    long start = System.nanoTime();
    processor.shutdown();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Without the timeout the request would hang until the server closes.
    assertThat(took).isLessThan(Duration.ofMillis(4000));
  }

  @Test
  void badValues_areReportedAndReplacedByDefaults() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      OtlpSettings settings =
          OtlpSettings.read(
              NO_ENDPOINT,
              Map.of(
                  "OTEL_EXPORTER_OTLP_TIMEOUT", "soon",
                  "OTEL_EXPORTER_OTLP_COMPRESSION", "brotli",
                  "OTEL_EXPORTER_OTLP_ENDPOINT", "not a url",
                  "OTEL_EXPORTER_OTLP_PROTOCOL", "thrift"));

      assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(settings.compression()).isEqualTo("none");
      assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:4318/v1/traces"));
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("OTEL_EXPORTER_OTLP_TIMEOUT: soon")
          .contains("OTEL_EXPORTER_OTLP_COMPRESSION: brotli")
          .contains("OTEL_EXPORTER_OTLP_ENDPOINT: not a url")
          .contains(
              "OTEL_EXPORTER_OTLP_PROTOCOL: thrift; expected http/protobuf, http/json or grpc");
      assertThat(settings.protocol()).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
    } finally {
      WeftLog.setOutput(System.err);
    }
  }

  @Test
  void badTlsFiles_areReportedOnOneLineEach_andLeftOut(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("key.pem"), "not a key");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      OtlpSettings missingCertificate =
          OtlpSettings.read(
              NO_ENDPOINT,
              Map.of("OTEL_EXPORTER_OTLP_CERTIFICATE", dir.resolve("absent.pem").toString()));
      OtlpSettings keyWithoutCertificate =
          OtlpSettings.read(
              NO_ENDPOINT, Map.of("OTEL_EXPORTER_OTLP_CLIENT_KEY", notPem.toString()));
      OtlpSettings unreadableKey =
          OtlpSettings.read(
              NO_ENDPOINT,
              Map.of(
                  "OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY", notPem.toString(),
                  "OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE", notPem.toString()));

      assertThat(missingCertificate.tls()).isNull();
      assertThat(keyWithoutCertificate.tls()).isNull();
      assertThat(unreadableKey.tls()).isNull();
      assertThat(log.toString(StandardCharsets.UTF_8).lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("OTEL_EXPORTER_OTLP_CERTIFICATE: " + dir.resolve("absent.pem"))
                      .contains("using the JVM's trusted certificates"))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("OTEL_EXPORTER_OTLP_CLIENT_KEY")
                      .contains("a client certificate named with it")
                      .contains("using no client certificate"))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY")
                      .contains("PKCS#8"))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE")
                      .contains("PEM file of certificates"));
    } finally {
      WeftLog.setOutput(System.err);
    }
  }
}
