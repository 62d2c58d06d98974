package dev.weft.weaver;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.capture.ValueRenderer;
import dev.weft.data.AgentSpanData;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.SpeechGroupSpanData;
import dev.weft.data.SpeechSpanData;
import dev.weft.data.TaskSpanData;
import dev.weft.data.TranscriptionSpanData;
import dev.weft.data.TurnSpanData;
import dev.weft.data.Usage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a span's data from a call: what is known at entry (names, captured arguments) and what the
 * result or exception adds at exit. Nothing is rendered when {@code capture} is false.
 */
final class SpanContent {
  private static final String DEFAULT_AUDIO_FORMAT = "pcm";

  private SpanContent() {}

  /** Returns the data a span starts with. */
  static SpanData atEnter(
      MethodDescriptor d, Object[] args, boolean capture, ValueRenderer renderer) {
    boolean withArgs = capture && d.captureArguments && args != null;
    return switch (d.kind) {
      case AGENT -> new AgentSpanData(d.name, d.handoffs, d.tools, d.outputType);
      case FUNCTION ->
          FunctionSpanData.of(
              d.name,
              withArgs
                  ? renderer.renderPreparedArguments(d.parameterNames, args, d.sensitive)
                  : null);
      case GENERATION -> generation(d, args, capture, renderer);
      case RESPONSE -> new ResponseSpanData(null, null);
      case GUARDRAIL -> new GuardrailSpanData(d.name, false);
      case HANDOFF ->
          new HandoffSpanData(
              d.handoffFrom != null ? d.handoffFrom : enclosingAgentName(), d.handoffTo);
      case MCP_TOOLS -> new McpToolsSpanData(d.server, null);
      case TASK -> new TaskSpanData(d.name, null);
      case TURN -> turn();
      case TRANSCRIPTION ->
          new TranscriptionSpanData(
              withArgs ? audio(firstArgument(d, args, null), renderer) : null,
              formatArgument(d, args),
              null,
              d.model,
              null);
      case SPEECH ->
          new SpeechSpanData(
              withArgs ? text(firstArgument(d, args, String.class), renderer) : null,
              null,
              formatArgument(d, args),
              d.model,
              null,
              null);
      case SPEECH_GROUP ->
          new SpeechGroupSpanData(withArgs ? text(firstArgument(d, args, null), renderer) : null);
      case WORKFLOW, CUSTOM ->
          new CustomSpanData(
              d.name,
              withArgs
                  ? renderer.renderPreparedArgumentMap(d.parameterNames, args, d.sensitive)
                  : null);
    };
  }

  /** Fills in what the result or exception of a call adds to its span. */
  static void atExit(
      MethodDescriptor d,
      Span span,
      Object result,
      Throwable thrown,
      boolean capture,
      ValueRenderer renderer) {
    boolean withResult = capture && d.captureResult && thrown == null;
    Usage usage = null;
    switch (d.kind) {
      case FUNCTION -> {
        if (withResult && d.returnsValue && span.data() instanceof FunctionSpanData function) {
          span.setData(
              function.withOutput(
                  d.sensitiveResult ? ValueRenderer.REDACTED : text(result, renderer)));
        }
      }
      case GENERATION -> {
        if (span.data() instanceof GenerationSpanData generation) {
          GenerationSpanData updated = generation;
          if (withResult && d.returnsValue) {
            updated = updated.withOutput(outputMessages(d, result, renderer));
          }
          if (updated.model() == null && thrown == null) {
            String model = ResultAccessors.model(result);
            if (model != null) {
              updated =
                  new GenerationSpanData(
                      updated.input(), updated.output(), model, updated.modelConfig(), null);
            }
          }
          span.setData(updated);
        }
        usage = ResultAccessors.usage(result);
      }
      case RESPONSE -> {
        span.setData(new ResponseSpanData(ResultAccessors.id(result), null));
        usage = ResultAccessors.usage(result);
      }
      case GUARDRAIL ->
          span.setData(
              new GuardrailSpanData(d.name, thrown != null || ResultAccessors.triggered(result)));
      case HANDOFF -> {
        if (d.handoffTo == null
            && thrown == null
            && span.data() instanceof HandoffSpanData handoff) {
          span.setData(
              new HandoffSpanData(handoff.fromAgent(), ResultAccessors.targetName(result)));
        }
      }
      case MCP_TOOLS -> {
        if (thrown == null) {
          span.setData(new McpToolsSpanData(d.server, ResultAccessors.toolNames(result)));
        }
      }
      case TASK, TURN -> usage = thrown == null ? ResultAccessors.usage(result) : null;
      case TRANSCRIPTION -> {
        if (withResult && span.data() instanceof TranscriptionSpanData t) {
          span.setData(
              new TranscriptionSpanData(
                  t.inputData(),
                  t.inputFormat(),
                  resultText(d, result, renderer),
                  t.model(),
                  null));
        }
      }
      case SPEECH -> {
        if (withResult && span.data() instanceof SpeechSpanData s) {
          span.setData(
              new SpeechSpanData(
                  s.input(),
                  d.sensitiveResult ? ValueRenderer.REDACTED : audio(result, renderer),
                  s.outputFormat() != null ? s.outputFormat() : DEFAULT_AUDIO_FORMAT,
                  s.model(),
                  null,
                  null));
        }
      }
      case WORKFLOW, CUSTOM -> {
        if (withResult && d.returnsValue && span.data() instanceof CustomSpanData custom) {
          Map<String, Object> values = new LinkedHashMap<>(custom.data());
          values.put(
              "result", d.sensitiveResult ? ValueRenderer.REDACTED : renderer.render(result));
          span.setData(new CustomSpanData(custom.name(), values));
        }
      }
      case AGENT, SPEECH_GROUP -> {}
    }
    if (usage != null) {
      span.setUsage(usage);
    }
    if (thrown != null) {
      span.setError(SpanError.fromException(thrown, capture));
    }
  }

  private static SpanData generation(
      MethodDescriptor d, Object[] args, boolean capture, ValueRenderer renderer) {
    String model = d.model;
    List<Object> input = null;
    Map<String, Object> config = null;
    if (args != null) {
      input = capture && d.captureArguments ? new ArrayList<>() : null;
      for (int i = 0; i < args.length; i++) {
        Object value = args[i];
        String name = d.parameterNames[i];
        if (value == null) {
          continue;
        }
        if (model == null && "model".equals(name) && value instanceof String s) {
          model = s;
        } else if (input == null) {
          continue;
        } else if (d.sensitive[i]) {
          input.add(Messages.redacted("user"));
        } else if (value instanceof Number || value instanceof Boolean) {
          if (config == null) {
            config = new LinkedHashMap<>();
          }
          config.put(name, renderer.render(value));
        } else {
          Messages.append(input, renderer.render(value), "user");
        }
      }
    }
    return new GenerationSpanData(input, null, model, config, null);
  }

  private static List<Object> outputMessages(
      MethodDescriptor d, Object result, ValueRenderer renderer) {
    List<Object> output = new ArrayList<>();
    if (d.sensitiveResult) {
      output.add(Messages.redacted("assistant"));
    } else {
      Messages.append(output, renderer.render(result), "assistant");
    }
    return output;
  }

  private static SpanData turn() {
    Span agent = enclosingAgent();
    if (agent == null) {
      return new TurnSpanData(1, null, null);
    }
    return new TurnSpanData(agent.nextTurnNumber(), ((AgentSpanData) agent.data()).name(), null);
  }

  private static String enclosingAgentName() {
    Span agent = enclosingAgent();
    return agent == null ? null : ((AgentSpanData) agent.data()).name();
  }

  private static Span enclosingAgent() {
    Span span = Tracing.currentSpan();
    while (span != null && !(span.data() instanceof AgentSpanData)) {
      span = span.parent();
    }
    return span;
  }

  private static String resultText(MethodDescriptor d, Object result, ValueRenderer renderer) {
    return d.sensitiveResult ? ValueRenderer.REDACTED : text(result, renderer);
  }

  private static String text(Object value, ValueRenderer renderer) {
    return value == null ? null : renderer.renderText(value);
  }

  /** Returns audio as base64 (bytes) or text, bounded like every captured value. */
  private static String audio(Object value, ValueRenderer renderer) {
    if (value instanceof byte[] bytes) {
      return (String) renderer.render(Base64.getEncoder().encodeToString(bytes));
    }
    return text(value, renderer);
  }

  private static Object firstArgument(MethodDescriptor d, Object[] args, Class<?> type) {
    for (int i = 0; i < args.length; i++) {
      if (d.sensitive[i]) {
        return ValueRenderer.REDACTED;
      }
      if (args[i] != null && (type == null || type.isInstance(args[i]))) {
        return args[i];
      }
    }
    return null;
  }

  private static String formatArgument(MethodDescriptor d, Object[] args) {
    if (args != null) {
      for (int i = 0; i < args.length; i++) {
        String name = d.parameterNames[i].toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith("format") && args[i] != null) {
          return String.valueOf(args[i]);
        }
      }
    }
    return d.kind == SpanKind.TRANSCRIPTION ? DEFAULT_AUDIO_FORMAT : null;
  }
}
