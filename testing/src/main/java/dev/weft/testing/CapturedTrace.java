package dev.weft.testing;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.analysis.CostEstimate;
import dev.weft.analysis.PriceTable;
import dev.weft.analysis.TraceAnalysis;
import dev.weft.data.AgentSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One trace a test produced: its record and its spans in start order, with the questions tests ask
 * of an agent run: which tools were called with which arguments, the handoff chain, tripped
 * guardrails, tokens and cost, and whether a value appears anywhere.
 */
public final class CapturedTrace {
  private final TraceRecord trace;
  private final List<SpanRecord> spans;

  CapturedTrace(TraceRecord trace, List<SpanRecord> spans) {
    this.trace = trace;
    List<SpanRecord> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(SpanRecord::startedAtMicros));
    this.spans = List.copyOf(sorted);
  }

  /**
   * Reads the trace files a process wrote (the {@code json} exporter's folder), for tests that run
   * the application in a process of its own; in start order. Files that are not trace files are
   * left out.
   */
  public static List<CapturedTrace> readFolder(java.nio.file.Path folder)
      throws java.io.IOException {
    List<CapturedTrace> traces = new ArrayList<>();
    for (java.nio.file.Path file : dev.weft.tracefile.TraceFiles.list(folder)) {
      try {
        dev.weft.tracefile.TraceFile read = dev.weft.tracefile.TraceFiles.read(file);
        traces.add(new CapturedTrace(read.trace(), read.spans()));
      } catch (java.io.IOException e) {
        // not a trace file
      }
    }
    traces.sort(Comparator.comparingLong(t -> t.record().startedAtMicros()));
    return traces;
  }

  /** Returns the trace record. */
  public TraceRecord record() {
    return trace;
  }

  /** Returns the workflow name. */
  public String workflowName() {
    return trace.workflowName();
  }

  /** Returns every span, in start order. */
  public List<SpanRecord> spans() {
    return spans;
  }

  /** Returns the spans of a type ({@code agent}, {@code function}, …), in start order. */
  public List<SpanRecord> spans(String type) {
    return spans.stream().filter(s -> s.data().type().equals(type)).toList();
  }

  /** Returns the first span of a type with this display name, if any. */
  public Optional<SpanRecord> span(String type, String name) {
    return spans(type).stream().filter(s -> s.data().displayName().equals(name)).findFirst();
  }

  /** Returns the spans at the root of the trace. */
  public List<SpanRecord> roots() {
    return children(null);
  }

  /** Returns the spans directly under {@code parent} (null for the roots), in start order. */
  public List<SpanRecord> children(SpanRecord parent) {
    String id = parent == null ? null : parent.spanId();
    return spans.stream()
        .filter(
            s ->
                id == null
                    ? s.parentId() == null
                        || spans.stream().noneMatch(p -> p.spanId().equals(s.parentId()))
                    : id.equals(s.parentId()))
        .toList();
  }

  /** Returns the span that encloses {@code span} in this trace, if any. */
  public Optional<SpanRecord> parentOf(SpanRecord span) {
    return spans.stream().filter(s -> s.spanId().equals(span.parentId())).findFirst();
  }

  /** Returns the tool calls ({@code function} spans), in start order. */
  public List<ToolCall> toolCalls() {
    List<ToolCall> calls = new ArrayList<>();
    for (SpanRecord span : spans("function")) {
      FunctionSpanData data = (FunctionSpanData) span.data();
      calls.add(new ToolCall(data.name(), data.input(), data.output(), span));
    }
    return calls;
  }

  /** Returns the calls of one tool, in start order. */
  public List<ToolCall> toolCalls(String toolName) {
    return toolCalls().stream().filter(c -> c.name().equals(toolName)).toList();
  }

  /**
   * Returns the chain of agents control passed along: the first handoff's source, then every
   * handoff's target, in order; empty when there was no handoff.
   */
  public List<String> handoffChain() {
    List<String> chain = new ArrayList<>();
    for (SpanRecord span : spans("handoff")) {
      HandoffSpanData handoff = (HandoffSpanData) span.data();
      if (chain.isEmpty() && handoff.fromAgent() != null) {
        chain.add(handoff.fromAgent());
      }
      chain.add(handoff.toAgent());
    }
    return chain;
  }

  /** Returns the names of the agents that ran, in start order. */
  public List<String> agents() {
    return spans("agent").stream().map(s -> ((AgentSpanData) s.data()).name()).toList();
  }

  /** Returns the names of the guardrails that tripped, in start order. */
  public List<String> trippedGuardrails() {
    return spans("guardrail").stream()
        .map(s -> (GuardrailSpanData) s.data())
        .filter(GuardrailSpanData::triggered)
        .map(GuardrailSpanData::name)
        .toList();
  }

  /** Returns the token usage of every model call of the trace, added up. */
  public Usage totalUsage() {
    Usage total = Usage.of(0, 0);
    for (SpanRecord span : spans) {
      Usage usage = usage(span.data());
      if (usage != null) {
        total = total.plus(usage);
      }
    }
    return total;
  }

  /**
   * Returns the estimated cost in US dollars of the trace's priced model calls at these prices,
   * cached input tokens at their own price, as {@code summary} and the viewer count it. Calls of
   * models the table does not know add nothing here: {@link #costEstimate} tells which they are.
   */
  public double cost(PriceTable prices) {
    return costEstimate(prices).usd();
  }

  /**
   * Returns the estimated cost of the trace's model calls at these prices: the dollars of the
   * priced calls and the models that have no price.
   */
  public CostEstimate costEstimate(PriceTable prices) {
    return TraceAnalysis.of(trace, spans, prices, Duration.ofDays(1)).cost();
  }

  /**
   * Returns the places where {@code value} appears in the trace: the workflow name, metadata, and
   * every span's data, error and metadata, as {@code span <type> <name>: <field>} lines.
   */
  public List<String> placesOf(String value) {
    List<String> places = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return places;
    }
    if (String.valueOf(trace.workflowName()).contains(value)
        || String.valueOf(trace.metadata()).contains(value)
        || String.valueOf(trace.groupId()).contains(value)) {
      places.add("trace " + trace.workflowName());
    }
    for (SpanRecord span : spans) {
      String where = "span " + span.data().type() + " " + span.data().displayName() + ": ";
      if (String.valueOf(span.data()).contains(value)) {
        places.add(where + "data");
      }
      if (span.error() != null && String.valueOf(span.error()).contains(value)) {
        places.add(where + "error");
      }
      if (String.valueOf(span.metadata()).contains(value)) {
        places.add(where + "metadata");
      }
    }
    return places;
  }

  /** Returns the trace as normalised text: span types and names, indented, no ids or times. */
  public String tree() {
    return TraceTree.of(this, TraceTree.Detail.NAMES);
  }

  /** Returns the normalised text with tool inputs and outputs and model names kept. */
  public String treeWithData() {
    return TraceTree.of(this, TraceTree.Detail.DATA);
  }

  @Override
  public String toString() {
    return tree();
  }

  static Usage usage(SpanData data) {
    if (data instanceof GenerationSpanData generation) {
      return generation.usage();
    }
    if (data instanceof ResponseSpanData response) {
      return response.usage();
    }
    return null;
  }

  /**
   * One tool call.
   *
   * @param name the tool's name
   * @param arguments the arguments as JSON text, or null when not captured
   * @param result the result as text, or null
   * @param span the {@code function} span
   */
  public record ToolCall(String name, String arguments, String result, SpanRecord span) {}
}
