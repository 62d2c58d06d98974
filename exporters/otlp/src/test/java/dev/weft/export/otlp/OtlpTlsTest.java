package dev.weft.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS end to end: receivers with a self-signed certificate made at run time, trusted through {@code
 * OTEL_EXPORTER_OTLP_CERTIFICATE}, and receivers that require a client certificate, given through
 * {@code OTEL_EXPORTER_OTLP_CLIENT_KEY} and {@code OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE} (here as
 * the {@code otel.*} system properties that stand for them).
 */
class OtlpTlsTest {
  @TempDir static Path dir;
  private static TestCertificates server;
  private static TestCertificates client;
  private final List<String> properties = new ArrayList<>();

  @BeforeAll
  static void makeCertificates() throws Exception {
    server = TestCertificates.create(dir, "weft-collector");
    client = TestCertificates.create(dir, "weft-client");
  }

  @AfterEach
  void reset() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    properties.forEach(System::clearProperty);
  }

  private void set(String name, Object value) {
    System.setProperty("otel.exporter.otlp." + name, value.toString());
    properties.add("otel.exporter.otlp." + name);
  }

  private void presentClientCertificate() {
    set("client.key", client.privateKey());
    set("client.certificate", client.certificate());
  }

  private static void sendOneSpan() {
    Tracing.configure(WeftConfig.load("exporters=otlp"));
    try (Trace trace = Tracing.startTrace("tls");
        Span span = Tracing.startAgentSpan("Secure")) {
      span.setMetadata("channel", "tls");
    }
    Tracing.forceFlush();
  }

  private static List<String> spanNames(byte[] body) throws Exception {
    List<String> names = new ArrayList<>();
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    request
        .getResourceSpansList()
        .forEach(
            r ->
                r.getScopeSpansList()
                    .forEach(s -> s.getSpansList().forEach(x -> names.add(x.getName()))));
    return names;
  }

  @Test
  void trustedCertificate_letsTheExporterReachASelfSignedServer() throws Exception {
    try (TlsReceiver receiver = new TlsReceiver(server.serverContext(), false)) {
      set("traces.endpoint", receiver.uri("/v1/traces"));
      set("certificate", server.certificate());

      sendOneSpan();

      List<TlsReceiver.Received> received = receiver.await(1, 10_000);
      assertThat(received).hasSize(1);
      assertThat(spanNames(received.get(0).body()))
          .containsExactly("invoke_agent Secure", "invoke_workflow tls");
      assertThat(received.get(0).clientSubject()).isNull();
    }
  }

  @Test
  void withoutTheCertificate_aSelfSignedServerIsNotTrusted() throws Exception {
    try (TlsReceiver receiver = new TlsReceiver(server.serverContext(), false)) {
      set("traces.endpoint", receiver.uri("/v1/traces"));

      // The flush returns once the export attempt has ended: the handshake failed on the client.
      sendOneSpan();

      assertThat(receiver.await(1, 200)).isEmpty();
    }
  }

  @Test
  void clientCertificate_isPresentedToAServerThatRequiresOne_overHttpProtobuf() throws Exception {
    try (TlsReceiver receiver = new TlsReceiver(server.serverContext(client), true)) {
      set("traces.endpoint", receiver.uri("/v1/traces"));
      set("traces.certificate", server.certificate());
      presentClientCertificate();

      sendOneSpan();

      List<TlsReceiver.Received> received = receiver.await(1, 10_000);
      assertThat(received).hasSize(1);
      assertThat(received.get(0).clientSubject()).isEqualTo("CN=weft-client");
      assertThat(spanNames(received.get(0).body()))
          .containsExactly("invoke_agent Secure", "invoke_workflow tls");
    }
  }

  @Test
  void clientCertificate_isPresentedOverHttpJson() throws Exception {
    try (TlsReceiver receiver = new TlsReceiver(server.serverContext(client), true)) {
      set("protocol", "http/json");
      set("traces.endpoint", receiver.uri("/v1/traces"));
      set("certificate", server.certificate());
      presentClientCertificate();

      sendOneSpan();

      List<TlsReceiver.Received> received = receiver.await(1, 10_000);
      assertThat(received).hasSize(1);
      assertThat(received.get(0).clientSubject()).isEqualTo("CN=weft-client");
      assertThat(new String(received.get(0).body(), StandardCharsets.UTF_8))
          .startsWith("{\"resourceSpans\":[")
          .contains("\"name\":\"invoke_agent Secure\"");
    }
  }

  @Test
  void clientCertificate_isPresentedOverGrpc() throws Exception {
    NettyServerBuilder tls =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sslContext(
                GrpcSslContexts.forServer(
                        server.certificate().toFile(), server.privateKey().toFile())
                    .trustManager(client.certificate().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build());
    try (GrpcReceiver receiver = GrpcReceiver.start(tls)) {
      set("protocol", "grpc");
      set("endpoint", receiver.uri("https"));
      set("certificate", server.certificate());
      presentClientCertificate();

      sendOneSpan();

      List<GrpcReceiver.Call> calls = receiver.awaitCalls(1, 10_000);
      assertThat(GrpcReceiver.spans(calls))
          .extracting(io.opentelemetry.proto.trace.v1.Span::getName)
          .containsExactly("invoke_agent Secure", "invoke_workflow tls");
    }
  }
}
