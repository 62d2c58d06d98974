package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.otel.OrderDeskApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace across OpenTelemetry and Weft: the order desk runs its Weft workflow inside an
 * OpenTelemetry request span, and its tool makes an HTTP call and calls an OpenTelemetry-traced
 * step. Both systems export OTLP to one loopback receiver, decoded with the official protobuf
 * classes.
 */
class OpenTelemetryContextIT {
  private static final Path OTEL_AGENT = Path.of(System.getProperty("weft.otel.agent.jar"));

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  @Test
  void withTheOpenTelemetryAgent_oneTraceNestsBothWays() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.start();
        LoopbackReceiver shipping = LoopbackReceiver.start()) {
      Path work = Files.createTempDirectory(temp, "otel-join");
      AgentRun.Result result =
          run(
              AgentRun.of(OrderDeskApp.class, work)
                  .withOtherAgent(OTEL_AGENT)
                  .classPath(jarOf(io.opentelemetry.instrumentation.annotations.WithSpan.class))
                  .classPath(jarOf(io.opentelemetry.api.trace.Span.class))
                  .classPath(jarOf(io.opentelemetry.context.Context.class))
                  .classPath(jarOf(io.opentelemetry.common.ComponentLoader.class))
                  .jvmArg("-Dotel.service.name=order-desk")
                  .jvmArg("-Dotel.traces.exporter=otlp")
                  .jvmArg("-Dotel.exporter.otlp.protocol=http/protobuf")
                  .jvmArg("-Dotel.exporter.otlp.traces.endpoint=" + receiver.uri("/v1/traces"))
                  .jvmArg("-Dotel.metrics.exporter=none")
                  .jvmArg("-Dotel.logs.exporter=none"),
              receiver,
              shipping,
              "agent");
      List<Span> spans = spans(receiver);
      Span request = named(spans, "handle request");
      // The JDK HTTP server's span, made by the OpenTelemetry agent, encloses the request.
      Span server = onlyOf(spans, s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER);
      assertThat(hex(request.getParentSpanId())).isEqualTo(hex(server.getSpanId()));
      Span client =
          onlyOf(
              spans,
              s ->
                  s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT
                      && !s.getSpanId().equals(server.getParentSpanId()));
      assertJoined(result, spans, request, List.of(named(spans, "audit"), client));
    }
  }

  @Test
  void withAnSdkOfTheApplication_oneTraceNestsBothWays() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.start();
        LoopbackReceiver shipping = LoopbackReceiver.start()) {
      Path work = Files.createTempDirectory(temp, "otel-sdk");
      AgentRun run = AgentRun.of(OrderDeskApp.class, work);
      for (Class<?> type : SDK_JARS) {
        run.classPath(jarOf(type));
      }
      AgentRun.Result result =
          run(run, receiver, shipping, "sdk", receiver.uri("/v1/traces").toString());
      List<Span> spans = spans(receiver);
      assertJoined(result, spans, named(spans, "handle request"), List.of(named(spans, "audit")));
    }
  }

  @Test
  void withoutOpenTelemetry_nothingOfItIsLoadedAndTracesStayOnTheirOwn() throws Exception {
    try (LoopbackReceiver shipping = LoopbackReceiver.start()) {
      Path work = Files.createTempDirectory(temp, "otel-none");
      AgentRun.Result result =
          AgentRun.of(OrderDeskApp.class, work)
              .jvmArg("-Xlog:class+load=info:stdout")
              .programArg("none")
              .programArg(shipping.uri("/").toString())
              .run();
      assertThat(result.exitCode()).as(result.describe()).isZero();
      List<String> loaded =
          result.stdout().lines().filter(l -> l.contains("[class,load]")).toList();
      assertThat(loaded).as("class loading was logged").anyMatch(l -> l.contains("OrderDesk "));
      assertThat(loaded)
          .noneMatch(l -> l.contains(" io.opentelemetry."))
          .noneMatch(l -> l.contains("dev.weft.instrumentation.opentelemetry"))
          .noneMatch(l -> l.contains("dev.weft.agent.OpenTelemetryBridge"));

      JsonNode trace = result.traces().workflow("order desk").trace();
      assertThat(trace.get("id").asText()).matches("trace_[0-9a-f]{32}");
      JsonNode agent = result.traces().workflow("order desk").span("agent", "Desk");
      assertThat(agent.get("parent_id").isNull()).isTrue();
    }
  }

  /** What the SDK application needs on its class path besides Weft's annotations. */
  private static final List<Class<?>> SDK_JARS =
      List.of(
          io.opentelemetry.api.trace.Span.class,
          io.opentelemetry.context.Context.class,
          io.opentelemetry.common.ComponentLoader.class,
          io.opentelemetry.sdk.OpenTelemetrySdk.class,
          io.opentelemetry.sdk.trace.SdkTracerProvider.class,
          io.opentelemetry.sdk.common.CompletableResultCode.class,
          io.opentelemetry.sdk.metrics.SdkMeterProvider.class,
          io.opentelemetry.sdk.logs.SdkLoggerProvider.class,
          io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter.class,
          io.opentelemetry.exporter.internal.marshal.Marshaler.class,
          io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler.class,
          io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSender.class,
          io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException.class);

  /** Runs the application in {@code mode}, with Weft exporting json files and OTLP. */
  private static AgentRun.Result run(
      AgentRun run,
      LoopbackReceiver receiver,
      LoopbackReceiver shipping,
      String mode,
      String... more)
      throws Exception {
    run.agentArgs("exporters=json,otlp;otlp.endpoint=" + receiver.uri("/v1/traces"))
        .programArg(mode)
        .programArg(shipping.uri("/").toString());
    for (String arg : more) {
      run.programArg(arg);
    }
    AgentRun.Result result = run.run();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("order desk done: status 200");
    assertThat(shipping.requests()).hasSize(1);
    return result;
  }

  /**
   * The assertions of one joined trace: every span shares the request span's trace id; Weft's
   * workflow span (its root) has the request span as parent, and the agent span the workflow span;
   * the tool span is the parent of {@code childrenOfTool}; and the json trace file has the same
   * trace id.
   */
  private static void assertJoined(
      AgentRun.Result result, List<Span> spans, Span request, List<Span> childrenOfTool)
      throws Exception {
    String traceHex = hex(request.getTraceId());
    assertThat(spans).allSatisfy(s -> assertThat(hex(s.getTraceId())).isEqualTo(traceHex));

    Span workflow = named(spans, "invoke_workflow order desk");
    Span agent = weftSpan(spans, "agent");
    Span tool = weftSpan(spans, "function");
    assertThat(hex(workflow.getParentSpanId())).isEqualTo(hex(request.getSpanId()));
    assertThat(hex(agent.getParentSpanId())).isEqualTo(hex(workflow.getSpanId()));
    assertThat(hex(tool.getParentSpanId())).isEqualTo(hex(agent.getSpanId()));
    for (Span child : childrenOfTool) {
      assertThat(hex(child.getParentSpanId())).as(child.getName()).isEqualTo(hex(tool.getSpanId()));
    }

    JsonNode trace = result.traces().workflow("order desk").trace();
    assertThat(trace.get("id").asText()).isEqualTo("trace_" + traceHex);
    JsonNode toolInFile = result.traces().workflow("order desk").span("function", "lookup");
    assertThat(toolInFile.get("id").asText()).endsWith(hex(tool.getSpanId()));
  }

  private static List<Span> spans(LoopbackReceiver receiver) throws IOException {
    List<Span> spans = new ArrayList<>();
    for (LoopbackReceiver.Received request : receiver.requests()) {
      for (ResourceSpans rs : decode(request).getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          spans.addAll(ss.getSpansList());
        }
      }
    }
    return spans;
  }

  private static ExportTraceServiceRequest decode(LoopbackReceiver.Received request)
      throws IOException {
    byte[] body = request.body();
    if (request.gzip()) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    return ExportTraceServiceRequest.parseFrom(body);
  }

  private static Span named(List<Span> spans, String name) {
    return onlyOf(spans, s -> s.getName().equals(name));
  }

  private static Span weftSpan(List<Span> spans, String type) {
    return onlyOf(spans, s -> type.equals(attribute(s, "weft.span.type")));
  }

  private static Span onlyOf(List<Span> spans, java.util.function.Predicate<Span> test) {
    List<Span> matching = spans.stream().filter(test).toList();
    assertThat(matching)
        .as("matching spans among %s", spans.stream().map(Span::getName).toList())
        .hasSize(1);
    return matching.get(0);
  }

  private static String attribute(Span span, String key) {
    for (KeyValue kv : span.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return kv.getValue().getStringValue();
      }
    }
    return null;
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static Path jarOf(Class<?> type) {
    return Path.of(AgentRun.codeSource(type));
  }
}
