package dev.weft.testing;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.data.AgentSpanData;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanError;
import dev.weft.data.SpeechGroupSpanData;
import dev.weft.data.SpeechSpanData;
import dev.weft.data.TaskSpanData;
import dev.weft.data.TranscriptionSpanData;
import dev.weft.data.TurnSpanData;
import dev.weft.data.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One span of every type with representative data, recorded under the current trace. */
public final class SpanSamples {
  /** The span types in the order {@link #recordOneOfEachType()} starts them. */
  public static final List<String> TYPES =
      List.of(
          "agent",
          "function",
          "generation",
          "response",
          "handoff",
          "custom",
          "guardrail",
          "transcription",
          "speech",
          "speech_group",
          "mcp_tools",
          "task",
          "turn");

  private SpanSamples() {}

  /** Records an agent span with one child of each other type. */
  public static void recordOneOfEachType() {
    try (Span agent =
        Tracing.startSpan(
            new AgentSpanData(
                "Triage", List.of("Billing", "Refunds"), List.of("lookup_order"), "Reply"))) {
      try (Span tool =
          Tracing.startSpan(
              new FunctionSpanData(
                  "lookup_order", "{\"id\":42}", "shipped", ordered("server", "orders")))) {
        tool.setError(new SpanError("order service slow", Map.of("retry", true)));
      }
      Tracing.startSpan(
              new GenerationSpanData(
                  List.of(ordered("role", "user", "content", "Where is my order?")),
                  List.of(ordered("role", "assistant", "content", "On its way.")),
                  "gpt-4.1",
                  ordered("temperature", 0.2),
                  new Usage(12, 5, ordered("cached_tokens", 2))))
          .close();
      Tracing.startSpan(new ResponseSpanData("resp_123", Usage.of(100, 20))).close();
      Tracing.startSpan(new HandoffSpanData("Triage", "Billing")).close();
      try (Span custom =
          Tracing.startSpan(
              new CustomSpanData("load_profile", ordered("user", "u-1", "result", "ok")))) {
        custom.setMetadata("tenant", "acme");
      }
      Tracing.startSpan(new GuardrailSpanData("no_pii", true)).close();
      Tracing.startSpan(
              new TranscriptionSpanData(
                  "AAAA", "pcm", "hello", "gpt-4o-transcribe", ordered("language", "en")))
          .close();
      Tracing.startSpan(
              new SpeechSpanData(
                  "hello",
                  "BBBB",
                  "pcm",
                  "gpt-4o-mini-tts",
                  ordered("voice", "alloy"),
                  "2026-11-21T19:36:01.500000Z"))
          .close();
      Tracing.startSpan(new SpeechGroupSpanData("hello there")).close();
      Tracing.startSpan(new McpToolsSpanData("orders", List.of("lookup_order", "cancel_order")))
          .close();
      Tracing.startSpan(new TaskSpanData("summarise", Usage.of(7, 3))).close();
      Tracing.startSpan(new TurnSpanData(2, "Triage", null)).close();
    }
  }

  public static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
