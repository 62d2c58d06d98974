package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.SupportDeskApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the support desk under the agent jar with the {@code otlp} exporter, selected by the {@code
 * otel.exporter.otlp.*} system properties: over gRPC to a collector on the loopback interface built
 * from the official OTLP gRPC service, which proves the relocated OkHttp sender works from the
 * shaded jar, and over {@code http/json}, whose encoder is reached through a logger of the
 * relocated SDK; and over gRPC with mutual TLS, the certificates made at run time. ({@code
 * http/protobuf} from the agent jar is covered by {@link ConfiguredMethodsIT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtlpProtocolsIT {
  private static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Metadata> HEADERS = Context.key("headers");

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Metadata> headers = new CopyOnWriteArrayList<>();
  private final List<byte[]> jsonBodies = new CopyOnWriteArrayList<>();
  private final List<ExportTraceServiceRequest> tlsRequests = new CopyOnWriteArrayList<>();
  private Server collector;
  private Server tlsCollector;
  private HttpServer jsonCollector;
  private AgentRun.Result result;
  private AgentRun.Result jsonResult;
  private AgentRun.Result tlsResult;

  /**
   * Starts a collector on the loopback interface that keeps each request in {@code into} and its
   * metadata in {@code metadataInto}; over TLS when {@code tls} is given.
   */
  private static Server startCollector(
      List<ExportTraceServiceRequest> into, List<Metadata> metadataInto, SslContext tls)
      throws Exception {
    ServerInterceptor keepHeaders =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
            return Contexts.interceptCall(
                Context.current().withValue(HEADERS, metadata), call, metadata, next);
          }
        };
    TraceServiceGrpc.TraceServiceImplBase service =
        new TraceServiceGrpc.TraceServiceImplBase() {
          @Override
          public void export(
              ExportTraceServiceRequest request,
              StreamObserver<ExportTraceServiceResponse> response) {
            into.add(request);
            metadataInto.add(HEADERS.get());
            response.onNext(ExportTraceServiceResponse.getDefaultInstance());
            response.onCompleted();
          }
        };
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(ServerInterceptors.intercept(service, keepHeaders));
    if (tls != null) {
      builder.sslContext(tls);
    }
    return builder.build().start();
  }

  @BeforeAll
  void runApplication() throws Exception {
    collector = startCollector(requests, headers, null);
    Path work = Files.createTempDirectory(temp, "otlp-grpc");
    result =
        AgentRun.of(SupportDeskApp.class, work)
            .agentArgs("exporters=json,otlp")
            .jvmArg("-Dotel.exporter.otlp.protocol=grpc")
            .jvmArg("-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + collector.getPort())
            .jvmArg("-Dotel.exporter.otlp.headers=x-tenant=support%20desk")
            .jvmArg("-Dotel.exporter.otlp.compression=gzip")
            .jvmArg("-Dotel.service.name=support-desk")
            .run();

    jsonCollector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    jsonCollector.createContext(
        "/",
        exchange -> {
          jsonBodies.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    jsonCollector.start();
    jsonResult =
        AgentRun.of(SupportDeskApp.class, Files.createTempDirectory(temp, "otlp-json"))
            .agentArgs(
                "exporters=otlp;otlp.protocol=http/json;otlp.endpoint=http://127.0.0.1:"
                    + jsonCollector.getAddress().getPort()
                    + "/v1/traces")
            .run();

    Path certificates = Files.createTempDirectory(temp, "otlp-tls");
    Path[] server = selfSigned(certificates, "weft-collector");
    Path[] client = selfSigned(certificates, "weft-client");
    tlsCollector =
        startCollector(
            tlsRequests,
            new CopyOnWriteArrayList<>(),
            GrpcSslContexts.forServer(server[0].toFile(), server[1].toFile())
                .trustManager(client[0].toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .build());
    tlsResult =
        AgentRun.of(SupportDeskApp.class, Files.createTempDirectory(temp, "otlp-mtls"))
            .agentArgs("exporters=otlp;otlp.protocol=grpc")
            .jvmArg("-Dotel.exporter.otlp.endpoint=https://127.0.0.1:" + tlsCollector.getPort())
            .jvmArg("-Dotel.exporter.otlp.certificate=" + server[0])
            .jvmArg("-Dotel.exporter.otlp.client.key=" + client[1])
            .jvmArg("-Dotel.exporter.otlp.client.certificate=" + client[0])
            .run();
  }

  @AfterAll
  void stopCollectors() throws InterruptedException {
    collector.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    tlsCollector.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    jsonCollector.stop(0);
  }

  /**
   * Makes a key pair and a self-signed certificate for 127.0.0.1 with the JDK's keytool; returns
   * the certificate and the PKCS#8 private key as PEM files.
   */
  private static Path[] selfSigned(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Path certificate = dir.resolve(name + ".pem");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        name,
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-file",
        certificate.toString());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    byte[] pkcs8 = keys.getKey(name, "changeit".toCharArray()).getEncoded();
    Path key = dir.resolve(name + "-key.pem");
    Files.writeString(
        key,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pkcs8)
            + "\n-----END PRIVATE KEY-----\n");
    return new Path[] {certificate, key};
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }

  private List<Span> spans() {
    List<Span> spans = new ArrayList<>();
    requests.forEach(
        r ->
            r.getResourceSpansList()
                .forEach(
                    rs -> rs.getScopeSpansList().forEach(s -> spans.addAll(s.getSpansList()))));
    return spans;
  }

  @Test
  void application_runsAndNothingIsReported() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("support desk done");
    assertThat(result.stderr())
        .contains("exporters [json, otlp]")
        .doesNotContain("WARN")
        .doesNotContain("not accepted")
        .doesNotContain("SenderProvider");
  }

  @Test
  void spans_arriveOverGrpc_withTheirTraceIdsMetadataAndGzip() {
    assertThat(requests).isNotEmpty();
    assertThat(headers)
        .allSatisfy(
            h -> {
              assertThat(h.get(TENANT)).isEqualTo("support desk");
              assertThat(h.get(ENCODING)).isEqualTo("gzip");
            });
    assertThat(spans())
        .extracting(Span::getName)
        .contains("invoke_agent Triage", "invoke_agent Researcher");
    assertThat(
            requests.get(0).getResourceSpans(0).getResource().getAttributesList().stream()
                .filter(a -> a.getKey().equals("service.name"))
                .map(a -> a.getValue().getStringValue()))
        .containsExactly("support-desk");
    String traceId = result.traces().workflow("Support desk").trace().path("id").asText();
    Span triage =
        spans().stream().filter(s -> s.getName().equals("invoke_agent Triage")).findFirst().get();
    assertThat(HexFormat.of().formatHex(triage.getTraceId().toByteArray()))
        .isEqualTo(traceId.substring("trace_".length()));
    assertThat(triage.getAttributesList())
        .extracting(KeyValue::getKey)
        .contains("gen_ai.operation.name", "weft.span.type");
  }

  @Test
  void httpJson_arrivesAsOtlpJson_andNothingIsReported() throws Exception {
    assertThat(jsonResult.exitCode()).as(jsonResult.describe()).isZero();
    assertThat(jsonResult.stderr()).doesNotContain("WARN").doesNotContain("resourceSpans");
    assertThat(jsonResult.stdout()).doesNotContain("resourceSpans");
    assertThat(jsonBodies).isNotEmpty();
    List<String> names = new ArrayList<>();
    for (byte[] body : jsonBodies) {
      JsonNode request = new ObjectMapper().readTree(body);
      for (JsonNode scope : request.path("resourceSpans").get(0).path("scopeSpans")) {
        scope.path("spans").forEach(span -> names.add(span.path("name").asText()));
      }
    }
    assertThat(names).contains("invoke_agent Triage", "invoke_agent Researcher");
  }

  @Test
  void grpcOverMutualTls_trustsTheGivenCertificate_andPresentsTheClientCertificate() {
    assertThat(tlsResult.exitCode()).as(tlsResult.describe()).isZero();
    assertThat(tlsResult.stderr()).doesNotContain("WARN").doesNotContain("not accepted");
    assertThat(tlsRequests).isNotEmpty();
    List<String> names = new ArrayList<>();
    tlsRequests.forEach(
        r ->
            r.getResourceSpansList()
                .forEach(
                    rs ->
                        rs.getScopeSpansList()
                            .forEach(s -> s.getSpansList().forEach(x -> names.add(x.getName())))));
    assertThat(names).contains("invoke_agent Triage");
  }

  @Test
  void agentJar_carriesOkHttpOkioAndKotlinRelocatedOnly() throws Exception {
    List<String> unrelocated = new ArrayList<>();
    try (JarFile jar = new JarFile(AgentRun.AGENT_JAR.toFile())) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (name.startsWith("okhttp3/") || name.startsWith("okio/") || name.startsWith("kotlin/")) {
          unrelocated.add(name);
        }
      }
      assertThat(jar.getEntry("dev/weft/shaded/okhttp3/OkHttpClient.class")).isNotNull();
    }
    assertThat(unrelocated).isEmpty();
  }
}
