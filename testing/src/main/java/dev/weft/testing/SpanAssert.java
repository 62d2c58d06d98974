package dev.weft.testing;

import dev.weft.SpanRecord;
import dev.weft.data.AgentSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.Usage;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one span. */
public final class SpanAssert extends AbstractAssert<SpanAssert, SpanRecord> {
  private CapturedTrace trace;

  SpanAssert(SpanRecord actual) {
    super(actual, SpanAssert.class);
  }

  SpanAssert in(CapturedTrace owner) {
    this.trace = owner;
    return this;
  }

  /** Checks the span's type. */
  public SpanAssert hasType(String type) {
    isNotNull();
    if (!type.equals(actual.data().type())) {
      failWithMessage("expected a %s span but %s is a %s span", type, name(), actual.data().type());
    }
    return this;
  }

  /** Checks that the span's parent is the span of this type and name. */
  public SpanAssert hasParent(String type, String name) {
    isNotNull();
    if (trace == null) {
      failWithMessage(
          "the span's trace is not known here; start from WeftAssertions.assertThat(trace)");
    }
    SpanRecord parent = trace.parentOf(actual).orElse(null);
    if (parent == null
        || !parent.data().type().equals(type)
        || !parent.data().displayName().equals(name)) {
      failWithMessage(
          "expected %s to be under %s %s, but its parent is %s%n%s",
          name(),
          type,
          name,
          parent == null ? "none" : parent.data().type() + " " + parent.data().displayName(),
          trace.tree());
    }
    return this;
  }

  /** Checks that the span's input (tool arguments, model messages) contains {@code fragment}. */
  public SpanAssert hasInputContaining(String fragment) {
    isNotNull();
    String input = input();
    if (input == null || !input.contains(fragment)) {
      failWithMessage(
          "expected the input of %s to contain <%s> but it was <%s>", name(), fragment, input);
    }
    return this;
  }

  /** Checks that the span's output (tool result, model answer) contains {@code fragment}. */
  public SpanAssert hasOutputContaining(String fragment) {
    isNotNull();
    String output = output();
    if (output == null || !output.contains(fragment)) {
      failWithMessage(
          "expected the output of %s to contain <%s> but it was <%s>", name(), fragment, output);
    }
    return this;
  }

  /** Checks that the span failed, with an error message containing {@code fragment}. */
  public SpanAssert hasErrorContaining(String fragment) {
    isNotNull();
    if (actual.error() == null || !String.valueOf(actual.error()).contains(fragment)) {
      failWithMessage(
          "expected %s to fail with <%s> but its error was %s", name(), fragment, actual.error());
    }
    return this;
  }

  /** Checks that the span failed. */
  public SpanAssert hasError() {
    isNotNull();
    if (actual.error() == null) {
      failWithMessage("expected %s to fail but it has no error", name());
    }
    return this;
  }

  /** Checks that the span did not fail. */
  public SpanAssert hasNoError() {
    isNotNull();
    if (actual.error() != null) {
      failWithMessage("expected %s not to fail but its error was %s", name(), actual.error());
    }
    return this;
  }

  /** Checks the token usage of a model call. */
  public SpanAssert hasUsage(long inputTokens, long outputTokens) {
    isNotNull();
    Usage usage = CapturedTrace.usage(actual.data());
    if (usage == null
        || usage.inputTokens() != inputTokens
        || usage.outputTokens() != outputTokens) {
      failWithMessage(
          "expected %s to use %s input and %s output tokens but its usage was %s",
          name(), inputTokens, outputTokens, usage);
    }
    return this;
  }

  /** Checks that the span took at most this long. */
  public SpanAssert tookAtMost(Duration duration) {
    isNotNull();
    long micros = actual.durationMicros();
    if (micros > duration.toNanos() / 1000) {
      failWithMessage("expected %s to take at most %s but it took %s µs", name(), duration, micros);
    }
    return this;
  }

  /** Checks a metadata entry. */
  public SpanAssert hasMetadata(String key, Object value) {
    isNotNull();
    if (!actual.metadata().containsKey(key) || !Objects.equals(actual.metadata().get(key), value)) {
      failWithMessage(
          "expected %s to have metadata %s=%s but it had %s",
          name(), key, value, actual.metadata());
    }
    return this;
  }

  /** Checks the tools an agent offered. */
  public SpanAssert hasTools(String... tools) {
    isNotNull();
    if (!(actual.data() instanceof AgentSpanData agent)
        || !agent.tools().equals(java.util.List.of(tools))) {
      failWithMessage("expected %s to offer the tools %s", name(), java.util.List.of(tools));
    }
    return this;
  }

  private String input() {
    if (actual.data() instanceof FunctionSpanData function) {
      return function.input();
    }
    if (actual.data() instanceof GenerationSpanData generation) {
      return String.valueOf(generation.input());
    }
    return String.valueOf(actual.data());
  }

  private String output() {
    if (actual.data() instanceof FunctionSpanData function) {
      return function.output();
    }
    if (actual.data() instanceof GenerationSpanData generation) {
      return String.valueOf(generation.output());
    }
    return String.valueOf(actual.data());
  }

  private String name() {
    return actual.data().type() + " " + actual.data().displayName();
  }
}
