package dev.weft.export.otlp;

import static dev.weft.export.otlp.Collected.attributes;
import static dev.weft.export.otlp.Collected.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.fixtures.EverySpanTypeRun;
import dev.weft.fixtures.LoopbackServer;
import dev.weft.fixtures.LoopbackServer.Received;
import dev.weft.processor.BatchTraceProcessor;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpExporterTest {
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

  /** Runs the every-span-type workflow through the exporter behind a batch processor. */
  static String runThrough(String weftArgs, Map<String, String> env, String content) {
    WeftConfig config = WeftConfig.load("exporters=none;" + weftArgs);
    Tracing.configure(config);
    BatchTraceProcessor processor =
        BatchTraceProcessor.builder(OtlpExporter.create(config, env))
            .scheduleDelay(Duration.ofSeconds(30))
            .build();
    Tracing.setProcessors(processor);
    String traceId = EverySpanTypeRun.run(content);
    Tracing.forceFlush();
    processor.shutdown();
    return traceId;
  }

  private Map<String, String> env() {
    return Map.of(
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        server.uri("/v1/traces").toString(),
        "OTEL_SERVICE_NAME",
        "podcast-service");
  }

  @Test
  void export_everyTypeOfTheRegistry_arrivesWithItsType() throws Exception {
    runThrough("include-sensitive-data=true", env(), "hello");
    List<Span> spans = Collected.spans(server.awaitRequests(1, 5000));
    assertThat(spans)
        .extracting(span -> attributes(span.getAttributesList()).get("weft.span.type"))
        .containsAll(
            java.util.Arrays.stream(dev.weft.data.SpanType.values())
                .map(dev.weft.data.SpanType::typeName)
                .toList());
  }

  @Test
  void export_everySpanType_mapsNamesIdsParentsKindsAndAttributes() throws Exception {
    String traceId = runThrough("include-sensitive-data=true", env(), "hello");

    List<Received> requests = server.awaitRequests(1, 5000);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).path()).isEqualTo("/v1/traces");
    assertThat(requests.get(0).header("Content-Type")).isEqualTo("application/x-protobuf");
    List<Span> spans = Collected.spans(requests);
    assertThat(spans).hasSize(15);
    Map<String, Span> byName =
        spans.stream().collect(Collectors.toMap(Span::getName, Function.identity()));
    assertThat(byName.keySet())
        .containsExactlyInAnyOrder(
            "invoke_workflow " + EverySpanTypeRun.WORKFLOW,
            "invoke_agent Orchestrator",
            "task plan",
            "turn 1",
            "chat gpt-test",
            "response",
            "execute_tool lookup",
            "mcp_tools files",
            "execute_tool explode",
            "guardrail_check no_secrets",
            "agent_handoff",
            "load",
            "transcription whisper",
            "speech_group",
            "speech tts");

    // Ids: the trace id's 32 hex everywhere; span ids are the last 16 hex of Weft's.
    Span workflow = byName.get("invoke_workflow " + EverySpanTypeRun.WORKFLOW);
    for (Span span : spans) {
      assertThat(hex(span.getTraceId())).isEqualTo(traceId.substring(6));
      Map<String, Object> a = attributes(span.getAttributesList());
      if (span != workflow) {
        assertThat((String) a.get("weft.span.id")).endsWith(hex(span.getSpanId()));
      }
      assertThat(a).contains(entry("gen_ai.conversation.id", EverySpanTypeRun.GROUP));
      assertThat(span.getEndTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano());
    }
    // The trace is a workflow span of its own, the parent of its top spans and the root.
    assertThat(workflow.getParentSpanId().isEmpty()).isTrue();
    assertThat(workflow.getKind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(attributes(workflow.getAttributesList()))
        .contains(
            entry("gen_ai.operation.name", "invoke_workflow"),
            entry("openinference.span.kind", "CHAIN"),
            entry("weft.trace.id", traceId),
            entry("weft.workflow.name", EverySpanTypeRun.WORKFLOW));
    Span agent = byName.get("invoke_agent Orchestrator");
    assertThat(agent.getParentSpanId()).isEqualTo(workflow.getSpanId());
    assertThat(workflow.getStartTimeUnixNano()).isLessThanOrEqualTo(agent.getStartTimeUnixNano());
    assertThat(workflow.getEndTimeUnixNano()).isGreaterThanOrEqualTo(agent.getEndTimeUnixNano());
    Span turn = byName.get("turn 1");
    assertThat(turn.getParentSpanId()).isEqualTo(agent.getSpanId());
    assertThat(byName.get("chat gpt-test").getParentSpanId()).isEqualTo(turn.getSpanId());
    assertThat(byName.get("mcp_tools files").getParentSpanId())
        .isEqualTo(byName.get("execute_tool lookup").getSpanId());
    assertThat(byName.get("speech tts").getParentSpanId())
        .isEqualTo(byName.get("speech_group").getSpanId());

    assertThat(attributes(agent.getAttributesList()))
        .contains(
            entry("gen_ai.operation.name", "invoke_agent"),
            entry("gen_ai.agent.name", "Orchestrator"),
            entry("openinference.span.kind", "AGENT"),
            entry("weft.span.type", "agent"),
            entry("weft.workflow.name", EverySpanTypeRun.WORKFLOW),
            entry("weft.metadata.note", "hello"));
    assertThat(agent.getKind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(attributes(turn.getAttributesList())).doesNotContainKey("weft.workflow.name");

    Span chat = byName.get("chat gpt-test");
    assertThat(chat.getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(attributes(chat.getAttributesList()))
        .contains(
            entry("gen_ai.operation.name", "chat"),
            entry("gen_ai.request.model", "gpt-test"),
            entry("gen_ai.usage.input_tokens", 100L),
            entry("gen_ai.usage.output_tokens", 20L),
            entry("llm.token_count.total", 120L),
            entry("openinference.span.kind", "LLM"),
            entry("weft.span.type", "generation"),
            entry("input.value", "[{\"role\":\"user\",\"content\":\"hello\"}]"),
            entry("input.mime_type", "application/json"),
            entry("output.value", "[{\"role\":\"assistant\",\"content\":\"hello\"}]"),
            entry("gen_ai.provider.name", "openai"),
            entry("gen_ai.request.temperature", 0.5),
            entry(
                "gen_ai.input.messages",
                "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hello\"}]}]"),
            entry(
                "gen_ai.output.messages",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"hello\"}],"
                    + "\"finish_reason\":\"stop\"}]"));
    assertThat(attributes(chat.getAttributesList())).doesNotContainKey("gen_ai.system");

    assertThat(attributes(byName.get("response").getAttributesList()))
        .contains(
            entry("gen_ai.response.id", "resp_1"),
            entry("gen_ai.usage.input_tokens", 1L),
            entry("openinference.span.kind", "LLM"),
            entry("weft.span.type", "response"));

    Span tool = byName.get("execute_tool lookup");
    assertThat(tool.getKind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(tool.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
    assertThat(attributes(tool.getAttributesList()))
        .contains(
            entry("gen_ai.operation.name", "execute_tool"),
            entry("gen_ai.tool.name", "lookup"),
            entry("openinference.span.kind", "TOOL"),
            entry("weft.span.type", "function"),
            entry("input.value", "{\"q\":\"hello\"}"),
            entry("input.mime_type", "application/json"),
            entry("output.value", "hello"),
            entry("output.mime_type", "text/plain"));

    Span failing = byName.get("execute_tool explode");
    assertThat(failing.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(failing.getStatus().getMessage()).isEqualTo("failed on hello");
    assertThat(failing.getEventsList()).hasSize(1);
    assertThat(failing.getEvents(0).getName()).isEqualTo("exception");
    Map<String, Object> exception = attributes(failing.getEvents(0).getAttributesList());
    assertThat(exception)
        .contains(
            entry("exception.type", "java.lang.IllegalStateException"),
            entry("exception.message", "failed on hello"));
    assertThat((String) exception.get("exception.stacktrace"))
        .startsWith("java.lang.IllegalStateException: failed on hello\n\tat ");

    assertThat(attributes(byName.get("guardrail_check no_secrets").getAttributesList()))
        .contains(
            entry("gen_ai.operation.name", "guardrail_check"),
            entry("openinference.span.kind", "GUARDRAIL"),
            entry("weft.guardrail.triggered", true));
    assertThat(attributes(byName.get("agent_handoff").getAttributesList()))
        .contains(
            entry("gen_ai.operation.name", "agent_handoff"),
            entry("weft.handoff.from_agent", "Orchestrator"),
            entry("weft.handoff.to_agent", "Specialist"),
            entry("weft.span.type", "handoff"));
    assertThat(attributes(byName.get("load").getAttributesList()))
        .contains(
            entry("openinference.span.kind", "CHAIN"),
            entry("weft.span.type", "custom"),
            entry("weft.custom.data", "{\"secret\":\"hello\",\"n\":3}"));
    assertThat(attributes(byName.get("task plan").getAttributesList()))
        .contains(entry("weft.span.type", "task"), entry("gen_ai.usage.output_tokens", 4L));
    assertThat(attributes(turn.getAttributesList()))
        .contains(entry("weft.turn", 1L), entry("gen_ai.agent.name", "Orchestrator"));
    assertThat(attributes(byName.get("mcp_tools files").getAttributesList()))
        .contains(
            entry("weft.mcp.server", "files"), entry("weft.mcp.tools", List.of("read", "write")));
    assertThat(attributes(byName.get("transcription whisper").getAttributesList()))
        .contains(entry("gen_ai.request.model", "whisper"), entry("output.value", "hello"));
    assertThat(attributes(byName.get("speech tts").getAttributesList()))
        .contains(entry("gen_ai.request.model", "tts"), entry("input.value", "hello"));
    assertThat(attributes(byName.get("speech_group").getAttributesList()))
        .contains(entry("input.value", "hello"));

    Map<String, Object> resource =
        attributes(Collected.resource(requests.get(0)).getAttributesList());
    assertThat(resource).contains(entry("service.name", "podcast-service"));
    assertThat(
            Collected.decode(requests.get(0))
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getScope()
                .getName())
        .isEqualTo("dev.weft");
  }

  @Test
  void export_withoutSensitiveData_leavesContentOutButKeepsTheShape() throws Exception {
    runThrough("include-sensitive-data=false", env(), "hello");

    List<Span> spans = Collected.spans(server.awaitRequests(1, 5000));
    Map<String, Span> byName =
        spans.stream().collect(Collectors.toMap(Span::getName, Function.identity()));
    Span failing = byName.get("execute_tool explode");
    assertThat(failing.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(attributes(failing.getEvents(0).getAttributesList()))
        .containsOnlyKeys("exception.type");
    for (Span span : spans) {
      assertThat(attributes(span.getAttributesList()))
          .doesNotContainKeys(
              "input.value",
              "output.value",
              "weft.custom.data",
              "gen_ai.input.messages",
              "gen_ai.output.messages",
              "gen_ai.system_instructions");
    }
    assertThat(attributes(byName.get("chat gpt-test").getAttributesList()))
        .contains(
            entry("gen_ai.usage.input_tokens", 100L), entry("gen_ai.request.model", "gpt-test"));
  }

  @Test
  void provider_isFoundByName() {
    Tracing.configure(WeftConfig.load("exporters=otlp;otlp.endpoint=" + server.uri("/v1/traces")));

    assertThat(Tracing.processors()).hasSize(1);
    assertThat(Tracing.processors().get(0)).isInstanceOf(BatchTraceProcessor.class);
  }
}
