package dev.weft.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.export.otlp.crossprocess.AgentCallerMain;
import dev.weft.export.otlp.crossprocess.ToolServiceMain;
import dev.weft.fixtures.LoopbackServer;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real JVMs, an agent and the tool service it calls over HTTP, make one trace: the same trace
 * id in OTLP and in Weft's JSON files, and the service's top span parented on the caller's span.
 */
class CrossProcessTraceTest {
  private static final int REMOTE_PARENT_FLAGS = 0x300;

  @TempDir Path dir;

  private Process fork(
      Class<?> main, String service, Path jsonDir, LoopbackServer collector, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dweft.exporters=otlp,json");
    command.add("-Dweft.json.dir=" + jsonDir);
    command.add("-Dweft.otlp.endpoint=" + collector.uri("/v1/traces"));
    command.add("-Dweft.batch.schedule-delay-ms=50");
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(dir.resolve(service + ".err").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("WEFT_"));
    builder.environment().put("OTEL_SERVICE_NAME", service);
    return builder.start();
  }

  @Test
  void agentAndToolServiceInTwoJvms_makeOneTrace() throws Exception {
    try (LoopbackServer collector = LoopbackServer.start()) {
      Process service = fork(ToolServiceMain.class, "tool-service", dir.resolve("b"), collector);
      BufferedReader serviceOut =
          new BufferedReader(
              new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
      String port = serviceOut.readLine();
      assertThat(port).as(Files.readString(dir.resolve("tool-service.err"))).matches("\\d+");

      Process agent =
          fork(
              AgentCallerMain.class,
              "agent",
              dir.resolve("a"),
              collector,
              "http://127.0.0.1:" + port + "/tool");
      String traceId =
          new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(agent.exitValue()).as(Files.readString(dir.resolve("agent.err"))).isZero();
      service.getOutputStream().close();
      assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(service.exitValue())
          .as(Files.readString(dir.resolve("tool-service.err")))
          .isZero();

      // OTLP: three spans of one trace id from two services; B's top span hangs under A's tool
      // span.
      Map<String, List<Span>> byService = new java.util.HashMap<>();
      for (LoopbackServer.Received request : collector.requests()) {
        for (ResourceSpans rs : Collected.decode(request).getResourceSpansList()) {
          String name =
              (String)
                  Collected.attributes(rs.getResource().getAttributesList()).get("service.name");
          rs.getScopeSpansList()
              .forEach(
                  ss ->
                      byService
                          .computeIfAbsent(name, k -> new ArrayList<>())
                          .addAll(ss.getSpansList()));
        }
      }
      assertThat(byService.keySet()).containsExactlyInAnyOrder("agent", "tool-service");
      List<Span> all = new ArrayList<>();
      byService.values().forEach(all::addAll);
      assertThat(all)
          .extracting(s -> Collected.hex(s.getTraceId()))
          .containsOnly(traceId.substring(6));
      Span callerTool =
          byService.get("agent").stream()
              .filter(s -> s.getName().equals("execute_tool lookup_order"))
              .findFirst()
              .orElseThrow();
      // The service's trace is a workflow span under the caller's tool span, its tool under it.
      assertThat(byService.get("tool-service"))
          .extracting(Span::getName)
          .containsExactlyInAnyOrder("invoke_workflow tool service", "execute_tool lookup_order");
      Span serviceWorkflow = named(byService.get("tool-service"), "invoke_workflow tool service");
      Span serviceTool = named(byService.get("tool-service"), "execute_tool lookup_order");
      assertThat(serviceWorkflow.getParentSpanId()).isEqualTo(callerTool.getSpanId());
      assertThat(serviceWorkflow.getFlags() & REMOTE_PARENT_FLAGS).isEqualTo(REMOTE_PARENT_FLAGS);
      assertThat(serviceTool.getParentSpanId()).isEqualTo(serviceWorkflow.getSpanId());
      assertThat(Collected.attributes(serviceTool.getAttributesList()))
          .containsEntry("weft.workflow.name", "tool service");

      // Weft JSON: each process wrote the trace under the same id; B's parent_id ends in A's 16
      // hex.
      ObjectMapper json = new ObjectMapper();
      JsonNode a = json.readTree(dir.resolve("a").resolve(traceId + ".json").toFile());
      JsonNode b = json.readTree(dir.resolve("b").resolve(traceId + ".json").toFile());
      String callerSpanId = null;
      for (JsonNode span : a.get("spans")) {
        if (span.at("/span_data/type").asText().equals("function")) {
          callerSpanId = span.get("id").asText();
        }
      }
      assertThat(callerSpanId).isNotNull();
      assertThat(b.get("spans")).hasSize(1);
      assertThat(b.get("spans").get(0).get("parent_id").asText())
          .isEqualTo("span_00000000" + callerSpanId.substring(callerSpanId.length() - 16));
    }
  }

  private static Span named(List<Span> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }
}
