package dev.weft.agent;

import static dev.weft.agent.TraceFiles.TraceFile.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.Canary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.agent.TraceFiles.TraceFile;
import java.time.Instant;
import java.util.List;

/**
 * What the support desk application ({@code com.acme.agents}) must leave behind when run under the
 * agent with sensitive data included: shared by the runs on each JDK and next to other agents.
 */
final class SupportDeskExpectations {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SupportDeskExpectations() {}

  static TraceFile desk(TraceFiles traces) {
    return traces.workflow("Support desk");
  }

  static void workflowTrace(TraceFiles traces) {
    TraceFile desk = desk(traces);
    assertThat(desk.trace().path("group_id").asText()).isEqualTo("conv-42");
    assertThat(desk.trace().path("metadata").path("user").asText()).isEqualTo("user-7");
    TraceFile ping = traces.workflow("ping");
    assertThat(ping.spans()).hasSize(1);
    assertThat(data(ping.spans().get(0)).path("output").asText()).isEqualTo("pong");
  }

  static void agentAndNesting(TraceFiles traces) {
    TraceFile desk = desk(traces);
    JsonNode triage = desk.span("agent", "Triage");
    assertThat(triage.path("parent_id").isNull()).isTrue();
    assertThat(texts(data(triage).path("handoffs"))).containsExactly("Billing", "Refunds");
    assertThat(texts(data(triage).path("tools"))).containsExactly("weather");
    assertThat(data(triage).path("output_type").asText()).isEqualTo("String");
    for (String tool : List.of("lookup_order", "store_card", "issue_token", "failing_tool")) {
      assertThat(desk.span("function", tool).path("parent_id").asText())
          .as(tool)
          .isEqualTo(triage.path("id").asText());
    }
    assertThat(desk.spans()).noneMatch(s -> data(s).path("name").asText().equals("helper"));
    List<JsonNode> turns = desk.spans("custom", "turn");
    assertThat(turns).hasSize(2);
    assertThat(turns)
        .extracting(t -> data(t).path("data").path("turn").asInt())
        .containsExactly(1, 2);
    assertThat(turns)
        .allMatch(t -> data(t).path("data").path("agent_name").asText().equals("Triage"));
    JsonNode researcher = desk.span("agent", "Researcher");
    assertThat(texts(data(researcher).path("tools"))).containsExactly("search");
  }

  static void toolsCaptureArgumentsResultsAndErrors(TraceFiles traces) throws Exception {
    TraceFile desk = desk(traces);
    JsonNode lookup = desk.span("function", "lookup_order");
    JsonNode input = MAPPER.readTree(data(lookup).path("input").asText());
    assertThat(input.path("orderId").asText()).isEqualTo("1234");
    assertThat(input.path("password").asText()).isEqualTo("[REDACTED]");
    JsonNode output = MAPPER.readTree(data(lookup).path("output").asText());
    assertThat(output.path("status").asText()).isEqualTo("shipped " + Canary.VALUE);
    assertThat(texts(output.path("items"))).containsExactly("book", "lamp");
    assertThat(lookup.path("metadata").path("order.id").asText()).isEqualTo("1234");

    JsonNode card = desk.span("function", "store_card");
    assertThat(MAPPER.readTree(data(card).path("input").asText()).path("cardNumber").asText())
        .isEqualTo("[REDACTED]");
    assertThat(data(card).path("output").asText()).isEqualTo("stored for Ada");
    assertThat(data(desk.span("function", "issue_token")).path("output").asText())
        .isEqualTo("[REDACTED]");
    assertThat(data(desk.span("function", "cancel_order")).path("output").isNull()).isTrue();
    JsonNode quiet = desk.span("function", "quiet");
    assertThat(data(quiet).path("input").isNull()).isTrue();
    assertThat(data(quiet).path("output").isNull()).isTrue();
    JsonNode add = desk.span("function", "add");
    assertThat(MAPPER.readTree(data(add).path("input").asText()).path("b").asInt()).isEqualTo(3);
    assertThat(data(add).path("output").asText()).isEqualTo("5");

    JsonNode failing = desk.span("function", "failing_tool");
    assertThat(failing.path("error").path("message").asText()).isEqualTo("boom " + Canary.VALUE);
    assertThat(failing.path("error").path("data").path("type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(data(failing).path("output").isNull()).isTrue();
  }

  static void everySpanType(TraceFiles traces) {
    TraceFile desk = desk(traces);
    JsonNode generation =
        desk.spans("generation", null).stream()
            .filter(g -> data(g).path("model").asText().equals("gpt-test"))
            .findFirst()
            .orElseThrow();
    JsonNode messages = data(generation).path("input");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.get(1).path("content").asText()).startsWith("Where is my order 1234?");
    assertThat(data(generation).path("model_config").path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(data(generation).path("output").get(0).path("content").asText())
        .startsWith("Your order ships today");
    assertThat(data(generation).path("usage").path("input_tokens").asInt()).isEqualTo(12);
    assertThat(data(generation).path("usage").path("output_tokens").asInt()).isEqualTo(5);
    JsonNode text =
        desk.spans("generation", null).stream()
            .filter(g -> data(g).path("model").isNull())
            .findFirst()
            .orElseThrow();
    assertThat(data(text).path("input").get(0).path("role").asText()).isEqualTo("user");
    assertThat(data(text).path("output").get(0).path("role").asText()).isEqualTo("assistant");
    assertThat(data(text).path("output").get(0).path("content").asText()).isEqualTo("short answer");

    JsonNode response = desk.spans("response", null).get(0);
    assertThat(data(response).path("response_id").asText()).isEqualTo("resp_123");

    assertThat(data(desk.span("guardrail", "no_profanity")).path("triggered").asBoolean())
        .isFalse();
    assertThat(data(desk.span("guardrail", "pii_check")).path("triggered").asBoolean()).isTrue();
    JsonNode broken = desk.span("guardrail", "broken_check");
    assertThat(data(broken).path("triggered").asBoolean()).isTrue();
    assertThat(broken.path("error").path("message").asText()).isEqualTo("checker offline");

    List<JsonNode> handoffs = desk.spans("handoff", null);
    assertThat(handoffs)
        .extracting(
            h -> data(h).path("from_agent").asText() + "->" + data(h).path("to_agent").asText())
        .containsExactly("Triage->Billing", "Triage->Refunds", "Supervisor->Escalation");

    JsonNode mcp = desk.spans("mcp_tools", null).get(0);
    assertThat(data(mcp).path("server").asText()).isEqualTo("orders-mcp");
    assertThat(texts(data(mcp).path("result"))).containsExactly("lookup_order", "cancel_order");

    JsonNode summarise = desk.span("custom", "summarise");
    assertThat(data(summarise).path("data").path("maxSentences").asInt()).isEqualTo(3);
    assertThat(data(summarise).path("data").path("result").asText()).startsWith("summary of ");

    JsonNode task = desk.span("custom", "task");
    assertThat(data(task).path("data").path("sdk_span_type").asText()).isEqualTo("task");
    assertThat(data(task).path("data").path("name").asText()).isEqualTo("plan");

    JsonNode transcription = desk.spans("transcription", null).get(0);
    assertThat(data(transcription).path("input").path("data").asText()).isEqualTo("AQID");
    assertThat(data(transcription).path("input").path("format").asText()).isEqualTo("wav");
    assertThat(data(transcription).path("output").asText()).isEqualTo("hello from audio");
    assertThat(data(transcription).path("model").asText()).isEqualTo("whisper-test");

    JsonNode group = desk.spans("speech_group", null).get(0);
    assertThat(data(group).path("input").asText()).isEqualTo("Goodbye " + Canary.VALUE);
    JsonNode speech = desk.spans("speech", null).get(0);
    assertThat(speech.path("parent_id").asText()).isEqualTo(group.path("id").asText());
    assertThat(data(speech).path("model").asText()).isEqualTo("tts-test");
    assertThat(data(speech).path("output").path("data").asText()).isNotEmpty();
    assertThat(data(speech).path("output").path("format").asText()).isEqualTo("pcm");

    JsonNode followUp = desk.span("custom", "follow-up");
    assertThat(data(followUp).path("data").path("result").asText()).isEqualTo("noted");
  }

  static void inheritedAnnotations(TraceFiles traces) throws Exception {
    TraceFile desk = desk(traces);
    assertThat(data(desk.span("function", "forecast")).path("output").asText())
        .isEqualTo("sunny in Paris");
    JsonNode call = desk.span("function", "call");
    assertThat(MAPPER.readTree(data(call).path("input").asText()).path("input").asText())
        .isEqualTo("shout");
    assertThat(data(call).path("output").asText()).isEqualTo("SHOUT");
    assertThat(data(desk.span("agent", "Researcher")).path("output_type").asText())
        .isEqualTo("String");
  }

  static void asynchronousResults(TraceFiles traces) {
    TraceFile desk = desk(traces);
    JsonNode fetch = desk.span("function", "fetch_async");
    JsonNode inner =
        desk.spans("function", "slow_lookup").stream()
            .filter(s -> s.path("parent_id").asText().equals(fetch.path("id").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(time(fetch, "ended_at")).isAfterOrEqualTo(time(inner, "ended_at"));
    assertThat(data(fetch).path("output").asText()).isEqualTo("value of k1");

    JsonNode failed = desk.span("function", "fail_async");
    assertThat(failed.path("error").path("message").asText()).isEqualTo("async failure");

    JsonNode mono = desk.span("function", "mono_lookup");
    assertThat(data(mono).path("output").asText()).isEqualTo("value of mono k3");
    JsonNode monoWork =
        desk.spans("function", "slow_lookup").stream()
            .filter(s -> data(s).path("output").asText().equals("value of mono k3"))
            .findFirst()
            .orElseThrow();
    assertThat(time(mono, "ended_at")).isAfterOrEqualTo(time(monoWork, "ended_at"));

    List<JsonNode> countdown = desk.spans("custom", "countdown");
    assertThat(countdown).hasSize(4);
    for (int i = 1; i < countdown.size(); i++) {
      assertThat(countdown.get(i).path("parent_id").asText())
          .isEqualTo(countdown.get(i - 1).path("id").asText());
    }
  }

  static void parallelToolsNestUnderTheirAgent(TraceFiles traces, boolean virtualThreads) {
    TraceFile desk = desk(traces);
    assertSearchChildren(desk, "PoolAgent", 4);
    assertSearchChildren(desk, "AsyncAgent", 3);
    if (virtualThreads) {
      assertSearchChildren(desk, "VirtualAgent", 4);
    } else {
      assertThat(desk.spans("agent", "VirtualAgent")).isEmpty();
    }
  }

  private static void assertSearchChildren(TraceFile desk, String agentName, int count) {
    JsonNode agent = desk.span("agent", agentName);
    List<JsonNode> children = desk.children(agent);
    assertThat(children).as(agentName + " children").hasSize(count);
    assertThat(children).allMatch(c -> data(c).path("name").asText().equals("search"));
    for (JsonNode child : children) {
      assertThat(time(child, "ended_at")).isBeforeOrEqualTo(time(agent, "ended_at"));
    }
  }

  private static Instant time(JsonNode span, String field) {
    return Instant.parse(span.path(field).asText());
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
