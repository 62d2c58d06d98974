package dev.weft.data;

/**
 * What a span records, by span type: one immutable record per type of the OpenAI Agents SDK tracing
 * model.
 *
 * <p>A span's data may be replaced while the span is open (an instrumented method fills in its
 * result at exit); once the span has ended its data no longer changes.
 */
public sealed interface SpanData
    permits AgentSpanData,
        FunctionSpanData,
        GenerationSpanData,
        ResponseSpanData,
        HandoffSpanData,
        CustomSpanData,
        GuardrailSpanData,
        TranscriptionSpanData,
        SpeechSpanData,
        SpeechGroupSpanData,
        McpToolsSpanData,
        TaskSpanData,
        TurnSpanData {

  /**
   * The span type as Weft knows it: {@code agent}, {@code function}, {@code generation}, {@code
   * response}, {@code handoff}, {@code custom}, {@code guardrail}, {@code transcription}, {@code
   * speech}, {@code speech_group}, {@code mcp_tools}, {@code task} or {@code turn}. Task and turn
   * spans are exported with the type {@code custom}.
   */
  String type();

  /** A short name for people: the agent, tool or guardrail name, the model, and so on. */
  String displayName();

  /**
   * Returns this data without any captured content (inputs, outputs, argument data), for when
   * sensitive data is switched off; the structure and names stay.
   */
  SpanData withoutSensitiveContent();

  /**
   * Returns this data with token usage, for the types that record it (generation, response, task,
   * turn); the others return themselves.
   */
  default SpanData withUsage(Usage usage) {
    return this;
  }
}
