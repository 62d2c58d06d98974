package dev.weft.testing;

import dev.weft.SpanRecord;
import dev.weft.analysis.PriceTable;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/** Assertions on a captured trace; a failure message shows the trace's tree. */
public final class TraceAssert extends AbstractAssert<TraceAssert, CapturedTrace> {

  TraceAssert(CapturedTrace actual) {
    super(actual, TraceAssert.class);
  }

  /** Checks the workflow name. */
  public TraceAssert hasWorkflowName(String expected) {
    isNotNull();
    if (!expected.equals(actual.workflowName())) {
      failWithMessage(
          "expected workflow <%s> but was <%s>%n%s", expected, actual.workflowName(), tree());
    }
    return this;
  }

  /**
   * Checks the trace's normalised tree ({@link CapturedTrace#tree()}), line by line; the leading
   * {@code trace <workflow>} line may be left out. A failure shows both trees and their difference.
   */
  public TraceAssert hasSpanTree(String expected) {
    return hasTree(actual == null ? null : actual.tree(), expected);
  }

  /** Checks the tree with data ({@link CapturedTrace#treeWithData()}), as {@link #hasSpanTree}. */
  public TraceAssert hasSpanTreeWithData(String expected) {
    return hasTree(actual == null ? null : actual.treeWithData(), expected);
  }

  private TraceAssert hasTree(String actualTree, String expected) {
    isNotNull();
    String wanted = normalise(expected);
    String compared = wanted.startsWith("trace ") ? actualTree : withoutFirstLine(actualTree);
    Assertions.assertThat(compared)
        .as("the span tree of trace %s", actual.workflowName())
        .isEqualTo(wanted);
    return this;
  }

  /** Checks how many spans the trace has. */
  public TraceAssert hasSpanCount(int expected) {
    isNotNull();
    if (actual.spans().size() != expected) {
      failWithMessage(
          "expected %s spans but found %s in%n%s", expected, actual.spans().size(), tree());
    }
    return this;
  }

  /** Checks that a span of this type and name exists, and returns assertions on the first. */
  public SpanAssert hasSpan(String type, String name) {
    isNotNull();
    Optional<SpanRecord> span = actual.span(type, name);
    if (span.isEmpty()) {
      failWithMessage("expected a %s span named <%s> in%n%s", type, name, tree());
    }
    return new SpanAssert(span.get()).in(actual);
  }

  /** Checks that no span of this type and name exists. */
  public TraceAssert hasNoSpan(String type, String name) {
    isNotNull();
    if (actual.span(type, name).isPresent()) {
      failWithMessage("expected no %s span named <%s> in%n%s", type, name, tree());
    }
    return this;
  }

  /** Checks that the tool was called, and returns assertions on its first call's span. */
  public SpanAssert hasToolCall(String toolName) {
    isNotNull();
    List<CapturedTrace.ToolCall> calls = actual.toolCalls(toolName);
    if (calls.isEmpty()) {
      failWithMessage("expected a call of tool <%s> in%n%s", toolName, tree());
    }
    return new SpanAssert(calls.get(0).span()).in(actual);
  }

  /** Checks that the tool was called with arguments whose JSON text contains {@code fragment}. */
  public TraceAssert hasToolCallWithArguments(String toolName, String fragment) {
    isNotNull();
    boolean found =
        actual.toolCalls(toolName).stream()
            .anyMatch(c -> c.arguments() != null && c.arguments().contains(fragment));
    if (!found) {
      failWithMessage(
          "expected a call of tool <%s> with arguments containing <%s>; calls: %s%n%s",
          toolName, fragment, actual.toolCalls(toolName), tree());
    }
    return this;
  }

  /** Checks how many times the tool was called. */
  public TraceAssert hasToolCallCount(String toolName, int expected) {
    isNotNull();
    int count = actual.toolCalls(toolName).size();
    if (count != expected) {
      failWithMessage(
          "expected %s call(s) of tool <%s> but found %s in%n%s",
          expected, toolName, count, tree());
    }
    return this;
  }

  /** Checks the chain of agents along the handoffs, in order. */
  public TraceAssert hasHandoffChain(String... agents) {
    isNotNull();
    Assertions.assertThat(actual.handoffChain())
        .as("the handoff chain of%n%s", tree())
        .containsExactly(agents);
    return this;
  }

  /** Checks that exactly these guardrails tripped, in order. */
  public TraceAssert hasTrippedGuardrails(String... names) {
    isNotNull();
    Assertions.assertThat(actual.trippedGuardrails())
        .as("the tripped guardrails of%n%s", tree())
        .containsExactly(names);
    return this;
  }

  /** Checks that no guardrail tripped. */
  public TraceAssert hasNoTrippedGuardrail() {
    return hasTrippedGuardrails();
  }

  /** Checks that no span failed. */
  public TraceAssert hasNoErrors() {
    isNotNull();
    List<SpanRecord> failed = actual.spans().stream().filter(s -> s.error() != null).toList();
    if (!failed.isEmpty()) {
      failWithMessage("expected no failed span but found %s in%n%s", failed.size(), tree());
    }
    return this;
  }

  /** Checks that the trace's model calls used at most this many tokens, input and output. */
  public TraceAssert usedAtMostTokens(long tokens) {
    isNotNull();
    long used = actual.totalUsage().totalTokens();
    if (used > tokens) {
      failWithMessage("expected at most %s tokens but the trace used %s%n%s", tokens, used, tree());
    }
    return this;
  }

  /**
   * Checks that the trace's model calls cost at most this much, in US dollars, at these prices; a
   * trace that calls a model without a price fails, since its cost cannot be bounded.
   */
  public TraceAssert costAtMost(double dollars, PriceTable prices) {
    isNotNull();
    dev.weft.analysis.CostEstimate estimate = actual.costEstimate(prices);
    if (!estimate.isComplete()) {
      failWithMessage(
          "expected a cost of at most $%s but it cannot be bounded: no price for %s%n%s",
          dollars, estimate.unpricedModels(), tree());
    }
    if (estimate.usd() > dollars) {
      failWithMessage(
          "expected a cost of at most $%s but it was $%s%n%s", dollars, estimate.usd(), tree());
    }
    return this;
  }

  /**
   * Checks that {@code value} (a secret, a customer's e-mail address) appears nowhere in the trace:
   * not in any span's data, error or metadata, nor in the trace's name, group or metadata.
   */
  public TraceAssert doesNotContainValue(String value) {
    isNotNull();
    List<String> places = actual.placesOf(value);
    if (!places.isEmpty()) {
      failWithMessage(
          "expected <%s> nowhere in the trace, but it appears in:%n%s",
          value, String.join("\n", places));
    }
    return this;
  }

  private String tree() {
    return actual.tree();
  }

  private static String normalise(String tree) {
    String trimmed = tree.stripTrailing();
    return trimmed.isEmpty() ? "" : trimmed + "\n";
  }

  private static String withoutFirstLine(String tree) {
    int newline = tree.indexOf('\n');
    String rest = newline < 0 ? "" : tree.substring(newline + 1);
    return reindent(rest);
  }

  /** Takes one level of indentation off, so an expected tree may start at column 0. */
  private static String reindent(String tree) {
    StringBuilder text = new StringBuilder();
    for (String line : tree.split("\n")) {
      if (!line.isEmpty()) {
        text.append(line.startsWith("  ") ? line.substring(2) : line).append('\n');
      }
    }
    return text.toString();
  }
}
