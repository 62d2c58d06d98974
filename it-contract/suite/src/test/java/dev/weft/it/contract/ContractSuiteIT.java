package dev.weft.it.contract;

import static dev.weft.it.contract.TraceSet.parent;
import static dev.weft.it.contract.TraceSet.span;
import static dev.weft.it.contract.TraceSet.spans;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of traced behaviour, checked on what the fixture wrote under each weaving route: the
 * Weft agent, AspectJ at compile time and AspectJ at load time.
 */
class ContractSuiteIT {
  private static final List<String> SECRETS =
      List.of("hunter2", "493021", "vault code", "sk-live-", "sk-proj-", "0123456789abcdef");

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void spanTypes_everyAnnotationBecomesItsTypedSpan(String route) throws Exception {
    JsonNode trace = ContractRuns.traces(route).trace("Span types");

    assertThat(trace.path("trace").path("group_id").asText()).isEqualTo("conv-42");
    assertThat(trace.path("trace").path("metadata").path("customer").asText()).isEqualTo("acme");
    JsonNode agent = span(trace, "agent", "Triage").get("span_data");
    assertThat(agent.get("handoffs").toString()).isEqualTo("[\"Billing\",\"Refunds\"]");
    assertThat(agent.get("tools").toString()).contains("lookupOrder", "refund");
    assertThat(agent.get("output_type").asText()).isEqualTo("String");
    List<JsonNode> turns = spans(trace, "custom", "turn");
    assertThat(turns).hasSize(2);
    assertThat(turns.get(0).at("/span_data/data/turn").asInt()).isEqualTo(1);
    assertThat(turns.get(1).at("/span_data/data/turn").asInt()).isEqualTo(2);
    assertThat(turns.get(0).at("/span_data/data/agent_name").asText()).isEqualTo("Triage");
    JsonNode generation = spans(trace, "generation", null).get(0).get("span_data");
    assertThat(generation.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(generation.at("/usage/input_tokens").asInt()).isEqualTo(12);
    assertThat(generation.at("/usage/output_tokens").asInt()).isEqualTo(7);
    assertThat(generation.get("input").toString()).contains("Where is my order A-17?");
    assertThat(spans(trace, "response", null))
        .allSatisfy(
            r -> assertThat(r.at("/span_data/response_id").asText()).isEqualTo("resp_0001"));
    assertThat(span(trace, "guardrail", "no_profanity").at("/span_data/triggered").asBoolean())
        .isFalse();
    assertThat(span(trace, "guardrail", "pii_filter").at("/span_data/triggered").asBoolean())
        .isTrue();
    assertThat(handoffTargets(trace)).containsExactly("Billing", "Refunds", "Supervisor");
    assertThat(spans(trace, "handoff", null))
        .allSatisfy(h -> assertThat(h.at("/span_data/from_agent").asText()).isEqualTo("Triage"));
    JsonNode refund = span(trace, "function", "refund").get("span_data");
    assertThat(refund.get("input").asText()).contains("\"orderId\"", "A-17", "12.5");
    assertThat(refund.get("output").asText()).isEqualTo("true");
    assertThat(span(trace, "transcription", null).at("/span_data/model").asText())
        .isEqualTo("whisper-1");
    JsonNode group = span(trace, "speech_group", null);
    List<JsonNode> speeches = spans(trace, "speech", null);
    assertThat(speeches).hasSize(2).allSatisfy(s -> assertThat(parent(trace, s)).isEqualTo(group));
    assertThat(speeches.get(0).at("/span_data/model").asText()).isEqualTo("tts-1");
    JsonNode mcp = span(trace, "mcp_tools", null).get("span_data");
    assertThat(mcp.get("server").asText()).isEqualTo("files");
    assertThat(mcp.get("result").toString()).isEqualTo("[\"read_file\",\"list_dir\"]");
    JsonNode task = span(trace, "custom", "task").at("/span_data/data");
    assertThat(task.get("sdk_span_type").asText()).isEqualTo("task");
    assertThat(task.get("name").asText()).isEqualTo("summarise");
    JsonNode audit = span(trace, "custom", "audit");
    assertThat(audit.at("/span_data/data").toString()).contains("refund");
    assertThat(audit.at("/metadata/customer.tier").asText()).isEqualTo("gold");
  }

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void nesting_spansNestAsTheCallsDid(String route) throws Exception {
    JsonNode trace = ContractRuns.traces(route).trace("Span types");

    JsonNode agent = span(trace, "agent", "Triage");
    assertThat(parent(trace, agent)).isNull();
    for (JsonNode turn : spans(trace, "custom", "turn")) {
      assertThat(parent(trace, turn)).isEqualTo(agent);
    }
    for (JsonNode generation : spans(trace, "generation", null)) {
      assertThat(parent(trace, generation).at("/span_data/name").asText()).isEqualTo("turn");
    }
    List<JsonNode> factorials = spans(trace, "custom", "factorial");
    assertThat(factorials).hasSize(3);
    assertThat(parent(trace, factorials.get(1))).isEqualTo(factorials.get(0));
    assertThat(parent(trace, factorials.get(2))).isEqualTo(factorials.get(1));
    JsonNode nested = span(trace, "custom", "Nested workflow");
    assertThat(parent(trace, nested)).isNull();
    assertThat(spans(trace, "function", "lookupOrder"))
        .extracting(s -> parent(trace, s).at("/span_data/name").asText())
        .containsExactly("turn", "turn", "Nested workflow");
    for (JsonNode span : trace.get("spans")) {
      assertThat(span.get("trace_id").asText()).isEqualTo(trace.at("/trace/id").asText());
      assertThat(time(span, "ended_at")).isAfterOrEqualTo(time(span, "started_at"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void inherited_annotationsOnInterfacesAndSuperclassesApply(String route) throws Exception {
    TraceSet traces = ContractRuns.traces(route);
    JsonNode trace = traces.trace("Inherited annotations");

    assertThat(span(trace, "function", "weather").at("/span_data/output").asText())
        .isEqualTo("LISBON: sunny");
    assertThat(span(trace, "function", "web_search").at("/span_data/input").asText())
        .contains("weft tracing");
    assertThat(trace.get("spans")).hasSize(2);
    assertThat(traces.allSpans())
        .noneMatch(s -> s.at("/span_data/name").asText().equals("normalise"));
  }

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void capture_redactsSensitiveValuesAndHonoursCaptureFlags(String route) throws Exception {
    JsonNode trace = ContractRuns.traces(route).trace("Capture");

    String login = span(trace, "function", "login").at("/span_data/input").asText();
    assertThat(login).contains("ada").contains("[REDACTED]").doesNotContain("493021", "hunter2");
    assertThat(span(trace, "function", "secretNote").at("/span_data/output").asText())
        .isEqualTo("[REDACTED]");
    JsonNode credentials = span(trace, "function", "credentials").get("span_data");
    assertThat(credentials.get("input").asText()).contains("[REDACTED]");
    assertThat(credentials.get("output").asText()).isEqualTo("[REDACTED]");
    assertThat(span(trace, "function", "echo").at("/span_data/input").asText())
        .contains("<b>html</b>");
    JsonNode bulk = span(trace, "function", "bulkImport").get("span_data");
    assertThat(bulk.path("input").isNull() || bulk.path("input").isMissingNode()).isTrue();
    assertThat(bulk.path("output").isNull() || bulk.path("output").isMissingNode()).isTrue();
    JsonNode profile = span(trace, "function", "profile");
    assertThat(profile.at("/metadata/customer.id").asText()).isEqualTo("cust-7");
    assertThat(profile.at("/span_data/output").asText()).contains("Ada Lovelace", "gold");
    assertThat(trace.toString()).doesNotContain(SECRETS);
  }

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void sensitiveDataOff_dropsCapturedContentButKeepsStructure(String route) throws Exception {
    TraceSet traces = ContractRuns.traces(route + ContractRuns.NO_SENSITIVE);

    assertThat(traces.byWorkflow.keySet())
        .containsAll(ContractRuns.traces(route).byWorkflow.keySet());
    for (JsonNode span : traces.allSpans()) {
      JsonNode data = span.get("span_data");
      if (data.get("type").asText().equals("function")) {
        assertThat(data.path("input").isNull()).as(span.toString()).isTrue();
        assertThat(data.path("output").isNull()).as(span.toString()).isTrue();
      }
      if (data.get("type").asText().equals("generation")) {
        assertThat(data.path("input").isNull()).as(span.toString()).isTrue();
      }
    }
    String all = traces.allSpans().toString();
    assertThat(all).doesNotContain("Lovelace", "Lisbon", "backend down", "A-17", "session for");
    JsonNode flaky = spans(traces.trace("Errors"), "function", "flakyTool").get(0);
    assertThat(flaky.at("/error/data").toString()).contains("IllegalStateException");
  }

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void exceptions_areRecordedAndTheSameInstanceRethrown(String route) throws Exception {
    FixtureRun run = ContractRuns.get(route);
    JsonNode trace = ContractRuns.traces(route).trace("Errors");

    assertThat(run.checks()).hasSize(8).allMatch(line -> line.startsWith("check ok"));
    List<JsonNode> flaky = spans(trace, "function", "flakyTool");
    assertThat(flaky).hasSize(2);
    assertThat(flaky.get(0).at("/error/message").asText()).isEqualTo("backend down for orders");
    assertThat(parent(trace, flaky.get(1))).isEqualTo(span(trace, "agent", "Fragile"));
    assertThat(span(trace, "custom", "load_config").at("/error/message").asText())
        .contains("cannot read /etc/agent.yaml");
    assertThat(span(trace, "agent", "Fragile").path("error").isObject()).isTrue();
    JsonNode policy = span(trace, "guardrail", "policy");
    assertThat(policy.at("/span_data/triggered").asBoolean()).isTrue();
    assertThat(policy.at("/error/message").asText()).contains("policy service unavailable");
  }

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void asyncResults_endTheirSpanWhenTheyComplete(String route) throws Exception {
    JsonNode trace = ContractRuns.traces(route).trace("Async results");

    JsonNode fetch = span(trace, "function", "fetch_async");
    JsonNode download = span(trace, "custom", "download");
    assertThat(parent(trace, download)).isEqualTo(fetch);
    assertThat(time(fetch, "ended_at")).isAfterOrEqualTo(time(download, "ended_at"));
    assertThat(fetch.at("/span_data/output").asText()).isEqualTo("body of https://example.test/a");
    JsonNode failing = span(trace, "function", "fetch_failing");
    assertThat(failing.at("/error/message").asText()).contains("404 https://example.test/b");
    assertThat(span(trace, "function", "fetch_cached").at("/span_data/output").asText())
        .isEqualTo("cached https://example.test/c");
  }

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void executors_parallelToolsNestUnderTheTurnThatStartedThem(String route) throws Exception {
    JsonNode trace = ContractRuns.traces(route).trace("Executor propagation");

    JsonNode agent = span(trace, "agent", "Researcher");
    JsonNode turn = span(trace, "custom", "turn");
    assertThat(parent(trace, turn)).isEqualTo(agent);
    List<JsonNode> lookups = spans(trace, "function", "lookup");
    assertThat(lookups).hasSize(4).allSatisfy(l -> assertThat(parent(trace, l)).isEqualTo(turn));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ContractRuns.AGENT,
        ContractRuns.COMPILE_TIME,
        ContractRuns.LOAD_TIME,
        ContractRuns.DOUBLE
      })
  void plainExecutors_toolsHandedToJdkExecutorsNestUnderTheAgent(String route) throws Exception {
    TraceSet traces = ContractRuns.traces(route);
    JsonNode trace = traces.trace("Plain executors");

    JsonNode agent = span(trace, "agent", "Scout");
    List<JsonNode> probes = spans(trace, "function", "probe");
    assertThat(probes)
        .extracting(p -> p.at("/span_data/output").asText())
        .containsExactlyInAnyOrder(
            "probed via submit",
            "probed via invokeAll 1",
            "probed via invokeAll 2",
            "probed via supplyAsync",
            "probed via supplyAsync on executor",
            "probed via thenApplyAsync");
    assertThat(probes).allSatisfy(p -> assertThat(parent(trace, p)).isEqualTo(agent));
    assertThat(parent(trace, agent)).isNull();
    assertThat(traces.allSpans())
        .filteredOn(s -> s.at("/span_data/name").asText().equals("probe"))
        .hasSize(probes.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {ContractRuns.AGENT, ContractRuns.COMPILE_TIME, ContractRuns.LOAD_TIME})
  void noCurrentTrace_aTracedCallStartsAnImplicitTrace(String route) throws Exception {
    TraceSet traces = ContractRuns.traces(route);

    List<JsonNode> implicit =
        traces.byWorkflow.values().stream()
            .flatMap(List::stream)
            .filter(t -> t.get("spans").toString().contains("B-2"))
            .toList();
    assertThat(implicit).hasSize(1);
    assertThat(implicit.get(0).get("spans")).hasSize(1);
    assertThat(implicit.get(0).at("/spans/0/span_data/name").asText()).isEqualTo("lookupOrder");
    assertThat(implicit.get(0).at("/spans/0/parent_id").isNull()).isTrue();
  }

  private static List<String> handoffTargets(JsonNode trace) {
    return spans(trace, "handoff", null).stream()
        .map(h -> h.at("/span_data/to_agent").asText())
        .toList();
  }

  private static Instant time(JsonNode span, String field) {
    return Instant.parse(span.get(field).asText());
  }
}
