package dev.weft.export.otlp;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.capture.JsonText;
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
import dev.weft.internal.Ids;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import java.util.Map;

/**
 * Maps an ended Weft span onto an OpenTelemetry span: ids as docs/otlp-exporter.md has them (the
 * trace id's 32 hex; the last 16 hex of a span id), a name and attributes after the GenAI semantic
 * conventions and OpenInference, the original type in {@code weft.span.type}, and an error as
 * status ERROR plus an {@code exception} event. Captured content ({@code input.value}, {@code
 * output.value}, custom data, metadata, error messages) is written only when sensitive data is
 * included.
 */
final class SpanMapping {
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
  static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> INPUT_MESSAGES =
      AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES =
      AttributeKey.stringKey("gen_ai.output.messages");
  static final AttributeKey<String> SYSTEM_INSTRUCTIONS =
      AttributeKey.stringKey("gen_ai.system_instructions");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> CACHE_READ_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> CACHE_CREATION_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
  static final AttributeKey<Long> REASONING_TOKENS =
      AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  static final AttributeKey<String> SPAN_KIND = AttributeKey.stringKey("openinference.span.kind");
  static final AttributeKey<String> INPUT_VALUE = AttributeKey.stringKey("input.value");
  static final AttributeKey<String> INPUT_MIME = AttributeKey.stringKey("input.mime_type");
  static final AttributeKey<String> OUTPUT_VALUE = AttributeKey.stringKey("output.value");
  static final AttributeKey<String> OUTPUT_MIME = AttributeKey.stringKey("output.mime_type");
  static final AttributeKey<String> LLM_MODEL = AttributeKey.stringKey("llm.model_name");
  static final AttributeKey<Long> PROMPT_TOKENS = AttributeKey.longKey("llm.token_count.prompt");
  static final AttributeKey<Long> COMPLETION_TOKENS =
      AttributeKey.longKey("llm.token_count.completion");
  static final AttributeKey<Long> TOTAL_TOKENS = AttributeKey.longKey("llm.token_count.total");
  static final AttributeKey<String> WEFT_TYPE = AttributeKey.stringKey("weft.span.type");
  static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("weft.workflow.name");
  static final AttributeKey<String> WEFT_SPAN_ID = AttributeKey.stringKey("weft.span.id");
  static final AttributeKey<String> WEFT_TRACE_ID = AttributeKey.stringKey("weft.trace.id");

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain";

  private final boolean includeSensitiveData;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;

  SpanMapping(boolean includeSensitiveData, Resource resource, InstrumentationScopeInfo scope) {
    this.includeSensitiveData = includeSensitiveData;
    this.resource = resource;
    this.scope = scope;
  }

  /**
   * Returns the OpenTelemetry form of an ended span; its trace's workflow name is recorded on the
   * trace's top spans, its group id on every span.
   */
  OtelSpan map(SpanRecord span) {
    String workflowName = span.trace().workflowName();
    String groupId = span.trace().groupId();
    SpanData data = span.data();
    AttributesBuilder attributes = Attributes.builder();
    attributes.put(WEFT_TYPE, data.type());
    attributes.put(WEFT_SPAN_ID, span.spanId());
    if (groupId != null) {
      attributes.put(CONVERSATION, groupId);
    }
    if (span.isLocalRoot() && workflowName != null) {
      attributes.put(WORKFLOW, workflowName);
    }
    String name = describe(data, attributes);
    if (data instanceof FunctionSpanData
        && span.metadata().get("tool_call_id") instanceof String id) {
      attributes.put(TOOL_CALL_ID, id);
    }
    SpanKind kind = isModelCall(data) ? SpanKind.CLIENT : SpanKind.INTERNAL;
    if (includeSensitiveData) {
      for (Map.Entry<String, Object> e : span.metadata().entrySet()) {
        attributes.put("weft.metadata." + e.getKey(), text(e.getValue()));
      }
    }
    SpanError error = span.error();
    StatusData status = StatusData.unset();
    List<EventData> events = List.of();
    if (error != null) {
      status =
          StatusData.create(StatusCode.ERROR, includeSensitiveData ? error.message() : type(error));
      events = List.of(exceptionEvent(error, span.endedAtMicros() * 1000));
    }
    String traceHex = Ids.w3cTraceId(span.traceId());
    SpanContext context =
        SpanContext.create(
            traceHex,
            Ids.w3cSpanId(span.spanId()),
            TraceFlags.getSampled(),
            TraceState.getDefault());
    String parentId = span.parentId();
    SpanContext parent;
    if (span.isLocalRoot()) {
      // A top span hangs under its trace's workflow span, which has the remote parent.
      parent =
          SpanContext.create(
              traceHex,
              workflowSpanId(span.trace()),
              TraceFlags.getSampled(),
              TraceState.getDefault());
    } else {
      parent =
          SpanContext.create(
              traceHex, Ids.w3cSpanId(parentId), TraceFlags.getSampled(), TraceState.getDefault());
    }
    return new OtelSpan(
        name,
        kind,
        context,
        parent,
        status,
        span.startedAtMicros() * 1000,
        Math.max(span.endedAtMicros(), span.startedAtMicros()) * 1000,
        attributes.build(),
        events,
        scope,
        resource);
  }

  /** Puts the type's attributes and returns the span name. */
  private String describe(SpanData data, AttributesBuilder a) {
    if (data instanceof AgentSpanData d) {
      a.put(OPERATION, "invoke_agent").put(SPAN_KIND, "AGENT");
      putIfSet(a, AGENT_NAME, d.name());
      return withName("invoke_agent", d.name());
    }
    if (data instanceof FunctionSpanData d) {
      a.put(OPERATION, "execute_tool").put(SPAN_KIND, "TOOL");
      a.put("gen_ai.tool.type", "function");
      putIfSet(a, TOOL_NAME, d.name());
      content(a, INPUT_VALUE, INPUT_MIME, d.input(), looksLikeJson(d.input()) ? JSON : TEXT);
      content(a, OUTPUT_VALUE, OUTPUT_MIME, d.output(), looksLikeJson(d.output()) ? JSON : TEXT);
      return withName("execute_tool", d.name());
    }
    if (data instanceof GenerationSpanData d) {
      a.put(OPERATION, "chat").put(SPAN_KIND, "LLM");
      putIfSet(a, REQUEST_MODEL, d.model());
      putIfSet(a, LLM_MODEL, d.model());
      putIfSet(a, PROVIDER, GenAiProviders.of(d.model()));
      Map<String, Object> config = d.modelConfig() == null ? Map.of() : d.modelConfig();
      requestSettings(a, config);
      String finish = config.get("finish_reason") instanceof String f ? f : null;
      if (finish != null) {
        a.put(FINISH_REASONS, List.of(finish));
      }
      if (config.get("response_id") instanceof String id) {
        a.put(RESPONSE_ID, id);
      }
      usage(a, d.usage());
      content(a, INPUT_VALUE, INPUT_MIME, json(d.input()), JSON);
      content(a, OUTPUT_VALUE, OUTPUT_MIME, json(d.output()), JSON);
      if (includeSensitiveData) {
        GenAiMessages input = GenAiMessages.input(d.input());
        putIfSet(a, SYSTEM_INSTRUCTIONS, input.systemInstructionsJson());
        putIfSet(a, INPUT_MESSAGES, input.messagesJson());
        putIfSet(a, OUTPUT_MESSAGES, GenAiMessages.output(d.output(), finish).messagesJson());
      }
      return withName("chat", d.model());
    }
    if (data instanceof ResponseSpanData d) {
      a.put(OPERATION, "chat").put(SPAN_KIND, "LLM");
      putIfSet(a, RESPONSE_ID, d.responseId());
      usage(a, d.usage());
      return "response";
    }
    if (data instanceof HandoffSpanData d) {
      a.put(OPERATION, "agent_handoff").put(SPAN_KIND, "TOOL");
      putIfSet(a, AttributeKey.stringKey("weft.handoff.from_agent"), d.fromAgent());
      putIfSet(a, AttributeKey.stringKey("weft.handoff.to_agent"), d.toAgent());
      putIfSet(a, AGENT_NAME, d.fromAgent());
      return "agent_handoff";
    }
    if (data instanceof GuardrailSpanData d) {
      a.put(OPERATION, "guardrail_check").put(SPAN_KIND, "GUARDRAIL");
      a.put("weft.guardrail.name", d.name() == null ? "" : d.name());
      a.put("weft.guardrail.triggered", d.triggered());
      return withName("guardrail_check", d.name());
    }
    if (data instanceof CustomSpanData d) {
      a.put(SPAN_KIND, "CHAIN");
      if (!d.data().isEmpty()) {
        content(a, AttributeKey.stringKey("weft.custom.data"), null, json(d.data()), null);
      }
      return d.name() == null || d.name().isBlank() ? "custom" : d.name();
    }
    if (data instanceof TaskSpanData d) {
      a.put(SPAN_KIND, "CHAIN");
      usage(a, d.usage());
      return withName("task", d.name());
    }
    if (data instanceof TurnSpanData d) {
      a.put(SPAN_KIND, "CHAIN");
      a.put("weft.turn", d.turn());
      putIfSet(a, AGENT_NAME, d.agentName());
      usage(a, d.usage());
      return "turn " + d.turn();
    }
    if (data instanceof TranscriptionSpanData d) {
      a.put(SPAN_KIND, "LLM");
      putIfSet(a, REQUEST_MODEL, d.model());
      putIfSet(a, AttributeKey.stringKey("weft.audio.format"), d.inputFormat());
      content(a, OUTPUT_VALUE, OUTPUT_MIME, d.output(), TEXT);
      return withName("transcription", d.model());
    }
    if (data instanceof SpeechSpanData d) {
      a.put(SPAN_KIND, "LLM");
      putIfSet(a, REQUEST_MODEL, d.model());
      putIfSet(a, AttributeKey.stringKey("weft.audio.format"), d.outputFormat());
      content(a, INPUT_VALUE, INPUT_MIME, d.input(), TEXT);
      return withName("speech", d.model());
    }
    if (data instanceof SpeechGroupSpanData d) {
      a.put(SPAN_KIND, "CHAIN");
      content(a, INPUT_VALUE, INPUT_MIME, d.input(), TEXT);
      return "speech_group";
    }
    if (data instanceof McpToolsSpanData d) {
      a.put(SPAN_KIND, "TOOL");
      putIfSet(a, AttributeKey.stringKey("weft.mcp.server"), d.server());
      if (d.result() != null) {
        a.put(AttributeKey.stringArrayKey("weft.mcp.tools"), d.result());
      }
      return withName("mcp_tools", d.server());
    }
    return data.type();
  }

  private static boolean isModelCall(SpanData data) {
    return data instanceof GenerationSpanData
        || data instanceof ResponseSpanData
        || data instanceof TranscriptionSpanData
        || data instanceof SpeechSpanData;
  }

  private static void usage(AttributesBuilder a, Usage usage) {
    if (usage == null) {
      return;
    }
    a.put(INPUT_TOKENS, usage.inputTokens()).put(OUTPUT_TOKENS, usage.outputTokens());
    a.put(PROMPT_TOKENS, usage.inputTokens()).put(COMPLETION_TOKENS, usage.outputTokens());
    a.put(TOTAL_TOKENS, usage.totalTokens());
    // The names Weft's instrumentations give the further counts (see Usage#details).
    count(a, CACHE_READ_TOKENS, usage.details().get("cached_tokens"));
    count(a, CACHE_CREATION_TOKENS, usage.details().get("cache_creation_input_tokens"));
    count(a, REASONING_TOKENS, usage.details().get("reasoning_tokens"));
  }

  private static void count(AttributesBuilder a, AttributeKey<Long> key, Object value) {
    if (value instanceof Number n) {
      a.put(key, n.longValue());
    }
  }

  /** The request settings of a model call's configuration, under their conventions' names. */
  private static void requestSettings(AttributesBuilder a, Map<String, Object> config) {
    for (Map.Entry<String, Object> e : config.entrySet()) {
      String key =
          switch (e.getKey()) {
            case "temperature" -> "gen_ai.request.temperature";
            case "top_p" -> "gen_ai.request.top_p";
            case "top_k" -> "gen_ai.request.top_k";
            case "frequency_penalty" -> "gen_ai.request.frequency_penalty";
            case "presence_penalty" -> "gen_ai.request.presence_penalty";
            case "max_tokens", "max_completion_tokens", "max_output_tokens" ->
                "gen_ai.request.max_tokens";
            case "seed" -> "gen_ai.request.seed";
            default -> null;
          };
      if (key == null || !(e.getValue() instanceof Number n)) {
        continue;
      }
      boolean whole = key.endsWith("max_tokens") || key.endsWith("seed") || key.endsWith("top_k");
      if (whole) {
        a.put(AttributeKey.longKey(key), n.longValue());
      } else {
        a.put(AttributeKey.doubleKey(key), n.doubleValue());
      }
    }
  }

  private void content(
      AttributesBuilder a,
      AttributeKey<String> key,
      AttributeKey<String> mimeKey,
      String value,
      String mime) {
    if (!includeSensitiveData || value == null) {
      return;
    }
    a.put(key, value);
    if (mimeKey != null) {
      a.put(mimeKey, mime);
    }
  }

  private EventData exceptionEvent(SpanError error, long atNanos) {
    AttributesBuilder a = Attributes.builder();
    a.put("exception.type", type(error));
    if (includeSensitiveData) {
      a.put("exception.message", error.message());
      if (error.data() != null && error.data().get("stack") instanceof List<?> frames) {
        StringBuilder trace = new StringBuilder(type(error)).append(": ").append(error.message());
        for (Object frame : frames) {
          trace.append("\n\tat ").append(frame);
        }
        a.put("exception.stacktrace", trace.toString());
      }
    }
    return EventData.create(atNanos, "exception", a.build());
  }

  /** The exception class of an error made from one, else {@code error}. */
  private static String type(SpanError error) {
    return error.data() != null && error.data().get("type") instanceof String type ? type : "error";
  }

  private static void putIfSet(AttributesBuilder a, AttributeKey<String> key, String value) {
    if (value != null) {
      a.put(key, value);
    }
  }

  private static String withName(String operation, String name) {
    return name == null || name.isBlank() ? operation : operation + " " + name;
  }

  private static boolean looksLikeJson(String value) {
    if (value == null) {
      return false;
    }
    String trimmed = value.strip();
    return trimmed.startsWith("{") || trimmed.startsWith("[");
  }

  /**
   * Returns the {@code invoke_workflow} span of an ended trace: the parent of its top spans, from
   * the trace's start to its end, under the remote parent the trace continued, if any.
   */
  OtelSpan mapWorkflow(TraceRecord trace) {
    String traceHex = Ids.w3cTraceId(trace.traceId());
    AttributesBuilder attributes = Attributes.builder();
    attributes.put(OPERATION, "invoke_workflow").put(SPAN_KIND, "CHAIN");
    attributes.put(WEFT_TRACE_ID, trace.traceId());
    String name = "invoke_workflow";
    if (trace.workflowName() != null && !trace.workflowName().isBlank()) {
      attributes.put(WORKFLOW, trace.workflowName());
      name = name + " " + trace.workflowName();
    }
    if (trace.groupId() != null) {
      attributes.put(CONVERSATION, trace.groupId());
    }
    if (trace.metadata() != null) {
      // The runtime has already applied the sensitive-data rule to trace metadata.
      for (Map.Entry<String, Object> e : trace.metadata().entrySet()) {
        attributes.put("weft.metadata." + e.getKey(), text(e.getValue()));
      }
    }
    String remoteParent = trace.remoteParentId();
    SpanContext parent =
        remoteParent == null
            ? SpanContext.getInvalid()
            : SpanContext.createFromRemoteParent(
                traceHex,
                Ids.w3cSpanId(remoteParent),
                TraceFlags.getSampled(),
                TraceState.getDefault());
    return new OtelSpan(
        name,
        SpanKind.INTERNAL,
        SpanContext.create(
            traceHex, workflowSpanId(trace), TraceFlags.getSampled(), TraceState.getDefault()),
        parent,
        StatusData.unset(),
        trace.startedAtMicros() * 1000,
        Math.max(trace.endedAtMicros(), trace.startedAtMicros()) * 1000,
        attributes.build(),
        List.of(),
        scope,
        resource);
  }

  /**
   * Returns the 16 hex span id of a trace's workflow span, worked out from the trace itself so that
   * its top spans, sent before the trace ends, name it as their parent. Two Weft traces that joined
   * one OpenTelemetry trace share a trace id, so the start time takes part too.
   */
  static String workflowSpanId(TraceRecord trace) {
    long hash = 0xcbf29ce484222325L; // FNV-1a, 64 bits
    String key = workflowKey(trace);
    for (int i = 0; i < key.length(); i++) {
      hash ^= key.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33; // spread the last characters over the high bits too
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    return Ids.hex16(hash == 0 ? 1 : hash);
  }

  private static String workflowKey(TraceRecord trace) {
    return trace.traceId() + "@" + trace.startedAtMicros();
  }

  private static String text(Object value) {
    return value instanceof String s ? s : json(value);
  }

  static String json(Object value) {
    if (value == null) {
      return null;
    }
    return JsonText.write(value);
  }
}
