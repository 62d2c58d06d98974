package dev.weft.agent;

import static dev.weft.agent.TraceFiles.TraceFile.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.plain.PlainApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.weft.agent.TraceFiles.TraceFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces an application with no Weft annotations through {@code weft.methods} rules, given with a
 * bad agent option next to them, and sends its traces to local OTLP and OpenAI endpoints as well as
 * to files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfiguredMethodsIT {
  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private AgentRun.Result result;

  /** One request the local endpoints received. */
  record Request(String path, Headers headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  @BeforeAll
  void runApplication() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              new Request(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders(),
                  exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Path work = Files.createTempDirectory(temp, "methods");
    result =
        AgentRun.of(PlainApp.class, work)
            .agentArgs(
                "methods=com.acme.plain.PlainPlanner[plan]@agent;com.acme.plain.PlainTools[*]@tool;"
                    + "com.acme.plain.Step[*]@task;com.acme.plain.Fetcher[fetch];"
                    + "sampler.ratio=lots;packages=com.acme.plain;exporters=json,otlp,openai;"
                    + "otlp.endpoint="
                    + base
                    + "/v1/traces;openai.endpoint="
                    + base
                    + "/v1/traces/ingest;openai.api-key=sk-test-key")
            .run();
  }

  @AfterAll
  void stopServer() {
    server.stop(0);
  }

  @Test
  void otlpExporter_sendsTheSpansOverOtlpHttp() {
    assertThat(requests)
        .filteredOn(r -> r.path().equals("/v1/traces"))
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(r.headers().getFirst("Content-Type")).contains("application/x-protobuf"))
        .anySatisfy(r -> assertThat(r.text()).contains("search").contains("PlainPlanner"));
  }

  @Test
  void openAiExporter_sendsTheTracesToTheIngestEndpoint() {
    assertThat(requests)
        .filteredOn(r -> r.path().equals("/v1/traces/ingest"))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer sk-test-key");
              assertThat(r.headers().getFirst("OpenAI-Beta")).isEqualTo("traces=v1");
            })
        .anySatisfy(r -> assertThat(r.text()).contains("\"trace.span\"").contains("search"));
  }

  @Test
  void badAgentOption_isReportedOnOneLine_andTheApplicationRuns() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("plain done: fetched results for tides");
    assertThat(result.stderr().lines().filter(l -> l.contains("sampler.ratio")))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("[weft]").contains("lots"));
  }

  @Test
  void configuredMethods_becomeSpansOfTheConfiguredType() {
    TraceFile trace = result.traces().workflow("PlainPlanner");
    JsonNode planner = trace.span("agent", "PlainPlanner");
    assertThat(trace.children(planner))
        .extracting(s -> data(s).path("type").asText() + ":" + data(s).path("name").asText())
        .containsExactly("function:search", "custom:task", "custom:fetch");
    JsonNode task = trace.span("custom", "task");
    assertThat(data(task).path("data").path("name").asText()).isEqualTo("perform");
    assertThat(data(trace.span("function", "search")).path("output").asText())
        .isEqualTo("results for tides");
  }

  @Test
  void accessorsAndMethodsNotNamed_stayUntraced() {
    assertThat(result.traces().all()).hasSize(1);
    assertThat(result.traces().all().get(0).spans())
        .noneMatch(s -> data(s).path("name").asText().equals("getName"))
        .noneMatch(s -> data(s).path("name").asText().equals("notNamed"));
  }
}
