package dev.weft.data;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.CustomSpan;
import dev.weft.annotations.GenerationSpan;
import dev.weft.annotations.GuardrailSpan;
import dev.weft.annotations.HandoffSpan;
import dev.weft.annotations.McpListToolsSpan;
import dev.weft.annotations.ResponseSpan;
import dev.weft.annotations.SpeechGroupSpan;
import dev.weft.annotations.SpeechSpan;
import dev.weft.annotations.TaskSpan;
import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.TranscriptionSpan;
import dev.weft.annotations.TurnSpan;
import java.lang.annotation.Annotation;

/**
 * The registry of span types: each type's name, its data class and the annotation that makes a
 * method a span of it. Everything that handles span types by name (the method-span engine, {@code
 * weft.methods}, the JSON writer and reader, the OTLP mapping, the viewer) takes them from here or
 * is checked against it by a test, so a new type is its data class plus one entry.
 */
public enum SpanType {
  AGENT("agent", AgentSpanData.class, AgentSpan.class),
  FUNCTION("function", FunctionSpanData.class, ToolSpan.class),
  GENERATION("generation", GenerationSpanData.class, GenerationSpan.class),
  RESPONSE("response", ResponseSpanData.class, ResponseSpan.class),
  GUARDRAIL("guardrail", GuardrailSpanData.class, GuardrailSpan.class),
  HANDOFF("handoff", HandoffSpanData.class, HandoffSpan.class),
  CUSTOM("custom", CustomSpanData.class, CustomSpan.class),
  MCP_TOOLS("mcp_tools", McpToolsSpanData.class, McpListToolsSpan.class),
  TASK("task", TaskSpanData.class, TaskSpan.class),
  TURN("turn", TurnSpanData.class, TurnSpan.class),
  TRANSCRIPTION("transcription", TranscriptionSpanData.class, TranscriptionSpan.class),
  SPEECH("speech", SpeechSpanData.class, SpeechSpan.class),
  SPEECH_GROUP("speech_group", SpeechGroupSpanData.class, SpeechGroupSpan.class);

  private static final SpanType[] VALUES = values();

  private final String typeName;
  private final Class<? extends SpanData> dataClass;
  private final Class<? extends Annotation> annotation;

  SpanType(
      String typeName,
      Class<? extends SpanData> dataClass,
      Class<? extends Annotation> annotation) {
    this.typeName = typeName;
    this.dataClass = dataClass;
    this.annotation = annotation;
  }

  /**
   * Returns the type's name, as {@link SpanData#type()} gives it and {@code weft.methods} takes.
   */
  public String typeName() {
    return typeName;
  }

  /** Returns the record class of the type's data. */
  public Class<? extends SpanData> dataClass() {
    return dataClass;
  }

  /** Returns the method annotation that makes a method a span of this type. */
  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  /**
   * Returns the type as it appears on the wire: the type's name, except {@code task} and {@code
   * turn}, which the OpenAI Agents SDK exports as {@code custom} spans.
   */
  public String exportedTypeName() {
    return this == TASK || this == TURN ? "custom" : typeName;
  }

  /** Returns the type of this name, or null when no type has it. */
  public static SpanType named(String typeName) {
    for (SpanType type : VALUES) {
      if (type.typeName.equals(typeName)) {
        return type;
      }
    }
    return null;
  }

  /** Returns the type of a span's data. */
  public static SpanType of(SpanData data) {
    for (SpanType type : VALUES) {
      if (type.dataClass == data.getClass()) {
        return type;
      }
    }
    throw new IllegalArgumentException("no span type for " + data.getClass().getName());
  }
}
