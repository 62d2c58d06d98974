package dev.weft.weaver;

import java.util.Locale;

/** The kinds of span a method can become, with the annotation and rule type that name each. */
enum SpanKind {
  WORKFLOW("Workflow", "workflow", true),
  AGENT("AgentSpan", "agent", false),
  FUNCTION("ToolSpan", "function", true),
  GENERATION("GenerationSpan", "generation", true),
  RESPONSE("ResponseSpan", "response", false),
  GUARDRAIL("GuardrailSpan", "guardrail", false),
  HANDOFF("HandoffSpan", "handoff", false),
  CUSTOM("CustomSpan", "custom", true),
  MCP_TOOLS("McpListToolsSpan", "mcp_tools", false),
  TASK("TaskSpan", "task", false),
  TURN("TurnSpan", "turn", false),
  TRANSCRIPTION("TranscriptionSpan", "transcription", true),
  SPEECH("SpeechSpan", "speech", true),
  SPEECH_GROUP("SpeechGroupSpan", "speech_group", true);

  /** The package of every Weft annotation. */
  static final String ANNOTATION_PACKAGE = "dev.weft.annotations.";

  private static final SpanKind[] VALUES = values();

  /** The binary name of the method annotation that selects this kind. */
  final String annotationName;

  /** The span type as {@code weft.methods} spells it. */
  final String ruleType;

  /** Whether the span data has a place for captured arguments. */
  final boolean recordsArguments;

  SpanKind(String annotationSimpleName, String ruleType, boolean recordsArguments) {
    this.annotationName = ANNOTATION_PACKAGE + annotationSimpleName;
    this.ruleType = ruleType;
    this.recordsArguments = recordsArguments;
  }

  /** Returns the kind selected by an annotation of this binary name, or null. */
  static SpanKind forAnnotation(String annotationTypeName) {
    if (!annotationTypeName.startsWith(ANNOTATION_PACKAGE)) {
      return null;
    }
    for (SpanKind kind : VALUES) {
      if (kind.annotationName.equals(annotationTypeName)) {
        return kind;
      }
    }
    return null;
  }

  /** Returns the kind of a {@code weft.methods} span type ({@code tool} = function), or null. */
  static SpanKind forRuleType(String type) {
    String normalised = type.toLowerCase(Locale.ROOT);
    if ("tool".equals(normalised)) {
      return FUNCTION;
    }
    for (SpanKind kind : VALUES) {
      if (kind.ruleType.equals(normalised)) {
        return kind;
      }
    }
    return null;
  }
}
