package dev.weft.export.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Span;
import dev.weft.SpanRecord;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.Usage;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Answer;
import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestRejectionTest {
  private static final String SECRET = "SECRET-CONTENT-7f3a";

  /** The endpoint's answer to an unknown key, as the SDKs have logged it. */
  private static final String UNKNOWN_KEY =
      "{\"error\":{\"message\":\"Unknown parameter: 'data[1].span_data.usage.total_tokens'.\","
          + "\"type\":\"invalid_request_error\",\"param\":\"data[1].span_data.usage.total_tokens\","
          + "\"code\":\"unknown_parameter\"}}";

  private final List<TraceRecord> traces = new ArrayList<>();
  private final List<SpanRecord> spans = new ArrayList<>();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    server = LoopbackServer.start();
    Tracing.configure(WeftConfig.load("exporters=none"));
    Tracing.setProcessors(
        new TracingProcessor() {
          @Override
          public void onTraceStart(TraceRecord trace) {
            traces.add(trace);
          }

          @Override
          public void onSpanEnd(SpanRecord span) {
            spans.add(span);
          }
        });
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    WeftLog.setOutput(System.err);
    Tracing.configure(WeftConfig.load("exporters=none"));
    server.close();
  }

  private OpenAiExporter.Builder exporter() {
    return OpenAiExporter.builder()
        .endpoint(server.uri("/v1/traces/ingest"))
        .apiKey("sk-test")
        .sleeper(waits::add);
  }

  /** Records a trace with a generation span and a tool span, all carrying {@link #SECRET}. */
  private void recordRun() {
    recordRun(SECRET);
  }

  private void recordRun(String content) {
    try (Trace trace = Tracing.trace("wf").start()) {
      try (Span generation = Tracing.startGenerationSpan("gpt-test", List.of(content))) {
        generation.setUsage(Usage.of(1, 2));
      }
      try (Span tool = Tracing.startFunctionSpan("lookup", content)) {
        tool.setData(new FunctionSpanData("lookup", content, content, null));
      }
      trace.isRecording();
    }
  }

  private static Answer answer(int status, String body) {
    return new Answer(status, Map.of(), body, false);
  }

  private List<String> logLines() {
    return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("400")).toList();
  }

  @Test
  void export_when400_logsTheReasonOnceWithTheSpanTypeAndDoesNotRetry() throws Exception {
    server.answer(answer(400, UNKNOWN_KEY), answer(400, UNKNOWN_KEY));
    recordRun();
    OpenAiExporter exporter = exporter().build();

    exporter.export(traces, spans);
    exporter.export(traces, spans);

    assertThat(server.requests()).hasSize(2);
    assertThat(waits).isEmpty();
    assertThat(exporter.failedRequestCount()).isEqualTo(2);
    assertThat(logLines()).hasSize(1);
    assertThat(logLines().get(0))
        .contains("HTTP 400")
        .contains("Unknown parameter: 'data[1].span_data.usage.total_tokens'.")
        .contains("span types: generation)")
        .doesNotContain(SECRET);
  }

  @Test
  void export_when400WithShouldRetryTrue_stillDoesNotRetry() throws Exception {
    server.answer(new Answer(400, Map.of("x-should-retry", "true"), UNKNOWN_KEY, false));
    recordRun();

    exporter().build().export(traces, spans);

    assertThat(server.requests()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void export_when400NamesNoItem_logsEveryTypeOfTheRequest() throws Exception {
    server.answer(answer(400, "{\"error\":{\"message\":\"Invalid request.\"}}"));
    recordRun();

    exporter().build().export(traces, spans);

    assertThat(logLines()).hasSize(1);
    assertThat(logLines().get(0))
        .contains("Invalid request.")
        .contains("span types: trace, generation, function)");
  }

  @Test
  void export_when400OnOneRequest_sendsTheOthers() throws Exception {
    server.answer(answer(400, UNKNOWN_KEY));
    // The trace and the generation fill the first request; the tool span needs a second.
    recordRun(SECRET + "x".repeat(700));
    OpenAiExporter exporter = exporter().maxRequestBytes(2048).build();

    exporter.export(traces, spans);

    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(0).text()).contains("\"type\":\"generation\"");
    assertThat(server.requests().get(1).text()).contains("\"type\":\"function\"");
    assertThat(exporter.failedRequestCount()).isEqualTo(1);
  }

  @Test
  void of_longOrForeignAnswers_areBoundedAndNeverFail() {
    List<IngestPayload.Item> items =
        List.of(new IngestPayload.Item("trace", new byte[0]), item("generation"));

    IngestRejection longOne =
        IngestRejection.of(
            "{\"error\":{\"message\":\"" + "x".repeat(1000) + "\",\"param\":\"data[1].model\"}}",
            items);
    IngestRejection html = IngestRejection.of("<html>Bad Request</html>", items);
    IngestRejection none = IngestRejection.of(null, items);
    IngestRejection outOfRange =
        IngestRejection.of("{\"error\":{\"message\":\"Invalid 'data[7].x'\"}}", items);

    assertThat(longOne.reason()).hasSize(IngestRejection.MAX_REASON + 3);
    assertThat(longOne.kinds()).containsExactly("generation");
    assertThat(html.reason()).isEqualTo("no error message");
    assertThat(html.kinds()).containsExactly("trace", "generation");
    assertThat(none.reason()).isEqualTo("no error message");
    assertThat(outOfRange.kinds()).containsExactly("trace", "generation");
  }

  @Test
  void fault_leavesOutTheItemNumber() {
    List<IngestPayload.Item> items = List.of(item("generation"), item("generation"));

    IngestRejection first =
        IngestRejection.of("{\"error\":{\"message\":\"Unknown 'data[0].x'\"}}", items);
    IngestRejection second =
        IngestRejection.of("{\"error\":{\"message\":\"Unknown 'data[1].x'\"}}", items);

    assertThat(first.fault()).isEqualTo(second.fault());
  }

  private static IngestPayload.Item item(String kind) {
    return new IngestPayload.Item(kind, new byte[0]);
  }
}
