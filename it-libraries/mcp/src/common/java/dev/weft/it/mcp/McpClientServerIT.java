package dev.weft.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SpanRecord;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.testing.CapturedTrace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An MCP client application and the MCP server it starts over stdio, both with no Weft code, both
 * run under the agent: the client's listing and tool calls, the trace context the calls carry to
 * the server, and the server's spans continuing the client's traces.
 */
class McpClientServerIT {
  private static final String EXPECTED_OUTPUT =
      String.join(
          System.lineSeparator(),
          "tools: forecast, book_flight",
          "forecast: sunny in Lisbon",
          "book_flight failed: no seats left to Lisbon",
          "desk: sunny in Porto",
          "");

  @ParameterizedTest
  @ValueSource(strings = {"sync", "async"})
  void clientSpans_listingAndCalls(String mode, @TempDir Path work) throws Exception {
    TravelRun plain = TravelRun.run(work.resolve("plain"), mode, false, "");
    TravelRun traced = TravelRun.run(work.resolve("traced"), mode, true, "");

    assertThat(plain.exitCode).as(plain.describe()).isZero();
    assertThat(plain.stdout).isEqualTo(EXPECTED_OUTPUT);
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).isEqualTo(plain.stdout);
    assertThat(traced.stderr).doesNotContain("mcp tracing failed");

    List<SpanRecord> spans = spans(traced.clientTraces());
    assertThat(spans)
        .as(traced.describe())
        .extracting(s -> s.data().type() + " " + s.data().displayName())
        .containsExactly(
            "mcp_tools acme-weather",
            "function forecast",
            "function book_flight",
            "function checkWeather");

    McpToolsSpanData listing = (McpToolsSpanData) spans.get(0).data();
    assertThat(listing.result()).containsExactly("forecast", "book_flight");

    SpanRecord forecast = spans.get(1);
    FunctionSpanData forecastData = (FunctionSpanData) forecast.data();
    assertThat(forecastData.mcpData())
        .isEqualTo(Map.of("server", "acme-weather", "version", "1.4.2"));
    assertThat(forecastData.input()).isEqualTo("{\"city\":\"Lisbon\"}");
    assertThat(forecastData.output()).isEqualTo("sunny in Lisbon");
    assertThat(forecast.error()).isNull();

    SpanRecord booking = spans.get(2);
    assertThat(((FunctionSpanData) booking.data()).output()).isEqualTo("no seats left to Lisbon");
    assertThat(booking.error()).isNotNull();
    assertThat(booking.error().message()).isEqualTo("no seats left to Lisbon");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "async"})
  void applicationToolSpan_isTheOneSpanOfItsMcpCall(String mode, @TempDir Path work)
      throws Exception {
    TravelRun traced = TravelRun.run(work, mode, true, "");
    assertThat(traced.exitCode).as(traced.describe()).isZero();

    CapturedTrace desk = traceOf(traced.clientTraces(), "checkWeather");
    assertThat(desk.spans()).as(traced.describe()).hasSize(1);
    FunctionSpanData data = (FunctionSpanData) desk.spans().get(0).data();
    assertThat(data.mcpData()).isEqualTo(Map.of("server", "acme-weather", "version", "1.4.2"));
    assertThat(data.input()).contains("Porto");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "async"})
  void serverSpans_continueTheCallersTraces(String mode, @TempDir Path work) throws Exception {
    TravelRun traced = TravelRun.run(work, mode, true, "");
    assertThat(traced.exitCode).as(traced.describe()).isZero();

    List<CapturedTrace> client = traced.clientTraces();
    List<CapturedTrace> server = traced.serverTraces(3);
    assertThat(server)
        .as(traced.describe())
        .extracting(CapturedTrace::workflowName)
        .containsExactly("forecast", "book_flight", "forecast");

    for (String tool : List.of("forecast", "book_flight", "checkWeather")) {
      SpanRecord caller = traceOf(client, tool).spans().get(0);
      CapturedTrace continued =
          server.stream()
              .filter(t -> t.record().traceId().equals(caller.traceId()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no server trace continues " + tool));
      SpanRecord handling = continued.roots().get(0);
      assertThat(handling.data().type()).isEqualTo("function");
      assertThat(handling.parentId()).as(tool).isEqualTo(remoteParentId(caller));
      assertThat(((FunctionSpanData) handling.data()).mcpData())
          .isEqualTo(Map.of("server", "acme-weather", "version", "1.4.2"));
    }

    CapturedTrace forecast = server.get(0);
    SpanRecord handling = forecast.roots().get(0);
    assertThat(((FunctionSpanData) handling.data()).output()).isEqualTo("sunny in Lisbon");
    assertThat(forecast.children(handling))
        .as("the tool's own traced work nests under the server's span")
        .extracting(s -> s.data().type() + " " + s.data().displayName())
        .containsExactly("custom lookup");

    SpanRecord failed = server.get(1).roots().get(0);
    assertThat(failed.error()).isNotNull();
    assertThat(failed.error().message()).isEqualTo("no seats left to Lisbon");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "async"})
  void sensitiveDataOff_noArgumentOrResultInAnyFile(String mode, @TempDir Path work)
      throws Exception {
    TravelRun traced = TravelRun.run(work, mode, true, "include-sensitive-data=false");
    assertThat(traced.exitCode).as(traced.describe()).isZero();
    assertThat(traced.stdout).isEqualTo(EXPECTED_OUTPUT);
    traced.serverTraces(3);

    List<SpanRecord> spans = spans(traced.clientTraces());
    assertThat(spans).extracting(s -> s.data().displayName()).contains("forecast", "book_flight");
    assertThat(spans).filteredOn(s -> s.data().displayName().equals("book_flight")).first()
        .satisfies(s -> assertThat(s.error().message()).isEqualTo("the tool failed"));
    String files = traced.allTraceText();
    assertThat(files).contains("acme-weather", "forecast");
    assertThat(files).doesNotContain("Lisbon", "Porto", "sunny", "no seats");
  }

  /**
   * The id the server gives the caller's span: a W3C {@code traceparent} carries the low 16 hex
   * digits of a Weft span id, which the receiving side pads back to a Weft id.
   */
  private static String remoteParentId(SpanRecord caller) {
    String id = caller.spanId();
    return "span_00000000" + id.substring(id.length() - 16);
  }

  private static List<SpanRecord> spans(List<CapturedTrace> traces) {
    return traces.stream().flatMap(t -> t.spans().stream()).toList();
  }

  private static CapturedTrace traceOf(List<CapturedTrace> traces, String functionName) {
    Optional<CapturedTrace> found =
        traces.stream().filter(t -> t.span("function", functionName).isPresent()).findFirst();
    return found.orElseThrow(() -> new AssertionError("no trace with function " + functionName));
  }
}
