package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SpanRecord;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.fixtures.EverySpanTypeRun;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.processor.SpanExporter;
import dev.weft.tracefile.TraceFile;
import dev.weft.tracefile.TraceFiles;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  private static final String TOOL_RUN = "trace_e54060dda90521b86bdca526fda4f3ab";

  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();

  /** A run of the LangChain4j support-desk sample's assistant that called two tools. */
  @Test
  void run_onARecordedRunById_writesAnOtlpJsonFileTheOfficialParserReads() throws Exception {
    try (var in = getClass().getResourceAsStream("recorded-run/" + TOOL_RUN + ".json")) {
      Files.copy(in, dir.resolve(TOOL_RUN + ".json"));
    }
    Path target = dir.resolve("out.json");

    int status =
        ExportCommand.run(
            new String[] {"--otlp", "e54060dd", "-o", target.toString(), "--dir", dir.toString()},
            output.out,
            output.err);

    assertThat(status).isZero();
    assertThat(output.err()).isEmpty();
    assertThat(output.out().strip()).isEqualTo(target.toAbsolutePath().toString());
    ExportTraceServiceRequest request =
        OtlpJsonFiles.parse(Files.readString(target, StandardCharsets.UTF_8));
    assertThat(
            request.getResourceSpans(0).getResource().getAttributes(0).getValue().getStringValue())
        .isEqualTo("weft");
    assertThat(request.getResourceSpans(0).getScopeSpans(0).getScope().getName())
        .isEqualTo("dev.weft");
    List<Span> spans = OtlpJsonFiles.spans(request);
    assertThat(spans)
        .extracting(Span::getName)
        .containsExactly(
            "invoke_agent Assistant",
            "chat gpt-4.1-mini",
            "execute_tool orderStatus",
            "execute_tool deliveryDays",
            "chat gpt-4.1-mini",
            "invoke_workflow Assistant");
    TraceFile file = TraceFiles.read(dir.resolve(TOOL_RUN + ".json"));
    Span workflow = spans.get(spans.size() - 1);
    assertThat(workflow.getParentSpanId().isEmpty()).isTrue();
    assertThat(workflow.getStartTimeUnixNano()).isEqualTo(file.trace().startedAtMicros() * 1000);
    assertThat(workflow.getEndTimeUnixNano()).isEqualTo(file.trace().endedAtMicros() * 1000);
    assertThat(spans.get(0).getParentSpanId()).isEqualTo(workflow.getSpanId());
    for (int i = 0; i < file.spans().size(); i++) {
      Span span = spans.get(i);
      SpanRecord record = file.spans().get(i);
      assertThat(OtlpJsonFiles.hex(span.getTraceId())).isEqualTo(TOOL_RUN.substring(6));
      assertThat(OtlpJsonFiles.hex(span.getSpanId())).isEqualTo(record.spanId().substring(13));
      assertThat(span.getStartTimeUnixNano()).isEqualTo(record.startedAtMicros() * 1000);
      assertThat(span.getEndTimeUnixNano()).isEqualTo(record.endedAtMicros() * 1000);
      if (i > 0) {
        assertThat(span.getParentSpanId()).isEqualTo(spans.get(0).getSpanId());
      }
    }
    Span generation = spans.get(1);
    assertThat(generation.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    Map<String, KeyValue> attributes =
        generation.getAttributesList().stream()
            .collect(Collectors.toMap(KeyValue::getKey, kv -> kv));
    assertThat(attributes.get("gen_ai.usage.input_tokens").getValue().getIntValue()).isPositive();
    assertThat(attributes.get("gen_ai.provider.name").getValue().getStringValue())
        .isEqualTo("openai");
    assertThat(attributes.get("gen_ai.input.messages").getValue().getStringValue())
        .startsWith("[{\"role\":");
  }

  /**
   * The file holds what the otlp exporter sends for the same spans: every span type, read back from
   * the json exporter's file of a real run, once through the exporter to a loopback collector and
   * once through {@code export --otlp}.
   */
  @Test
  void run_onEverySpanType_writesTheSpansTheOtlpExporterSends() throws Exception {
    Path traces = Files.createDirectories(dir.resolve("traces"));
    Tracing.configure(WeftConfig.load("exporters=json;json.dir=" + traces));
    String traceId = EverySpanTypeRun.run("hello <b>world</b>");
    Tracing.shutdown();
    Tracing.configure(WeftConfig.load("exporters=none"));
    TraceFile file = TraceFiles.read(traces.resolve(traceId + ".json"));

    List<Span> sent;
    try (LoopbackServer collector = LoopbackServer.start()) {
      SpanExporter exporter =
          otlpProvider()
              .create(
                  WeftConfig.load("exporters=none;otlp.endpoint=" + collector.uri("/v1/traces")));
      exporter.export(List.of(file.trace()), file.spans());
      exporter.shutdown();
      sent = new ArrayList<>();
      for (LoopbackServer.Received request : collector.awaitRequests(1, 10_000)) {
        sent.addAll(OtlpJsonFiles.spans(ExportTraceServiceRequest.parseFrom(request.body())));
      }
    }
    Path target = dir.resolve("every-type.json");
    assertThat(
            ExportCommand.run(
                new String[] {
                  "--otlp", traces.resolve(traceId + ".json").toString(), "-o", target.toString()
                },
                output.out,
                output.err))
        .isZero();
    List<Span> written = OtlpJsonFiles.spans(OtlpJsonFiles.parse(Files.readString(target)));

    // The spans of the file and the trace's invoke_workflow span, in both.
    assertThat(written).hasSize(file.spans().size() + 1).hasSameSizeAs(sent);
    assertThat(comparable(written)).isEqualTo(comparable(sent));
  }

  @Test
  void run_withoutOtlp_printsUsage() {
    assertThat(ExportCommand.run(new String[] {"x.json"}, output.out, output.err)).isEqualTo(2);
    assertThat(output.err()).contains(ExportCommand.USAGE);
  }

  @Test
  void run_withAMissingTrace_reportsItAndFails() {
    int status =
        ExportCommand.run(
            new String[] {"--otlp", "trace_abc", "--dir", dir.toString()}, output.out, output.err);

    assertThat(status).isEqualTo(1);
    assertThat(output.err()).contains("export: no trace trace_abc in " + dir);
  }

  private static SpanExporterProvider otlpProvider() {
    return ServiceLoader.load(SpanExporterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("otlp"))
        .findFirst()
        .orElseThrow();
  }

  /** Spans in id order with attributes by key. */
  private static List<Span> comparable(List<Span> spans) {
    List<Span> out = new ArrayList<>();
    for (Span span : spans) {
      List<KeyValue> attributes = new ArrayList<>(span.getAttributesList());
      attributes.sort(Comparator.comparing(KeyValue::getKey));
      out.add(span.toBuilder().clearAttributes().addAllAttributes(attributes).build());
    }
    out.sort(Comparator.comparing(s -> OtlpJsonFiles.hex(s.getSpanId())));
    return out;
  }
}
