package dev.weft.weaver;

import dev.weft.data.SpanType;
import java.util.Locale;

/**
 * The kinds of span a method can become: a workflow, or one per type of the {@link SpanType}
 * registry, whose annotation and name the kind takes from it.
 */
enum SpanKind {
  WORKFLOW("Workflow", "workflow", true),
  AGENT(SpanType.AGENT, false),
  FUNCTION(SpanType.FUNCTION, true),
  GENERATION(SpanType.GENERATION, true),
  RESPONSE(SpanType.RESPONSE, false),
  GUARDRAIL(SpanType.GUARDRAIL, false),
  HANDOFF(SpanType.HANDOFF, false),
  CUSTOM(SpanType.CUSTOM, true),
  MCP_TOOLS(SpanType.MCP_TOOLS, false),
  TASK(SpanType.TASK, false),
  TURN(SpanType.TURN, false),
  TRANSCRIPTION(SpanType.TRANSCRIPTION, true),
  SPEECH(SpanType.SPEECH, true),
  SPEECH_GROUP(SpanType.SPEECH_GROUP, true);

  /** The package of every Weft annotation. */
  static final String ANNOTATION_PACKAGE = "dev.weft.annotations.";

  private static final SpanKind[] VALUES = values();

  /** The binary name of the method annotation that selects this kind. */
  final String annotationName;

  /** The span type as {@code weft.methods} spells it. */
  final String ruleType;

  /** Whether the span data has a place for captured arguments. */
  final boolean recordsArguments;

  /** The span type of the registry, or null for a workflow, which starts a trace. */
  final SpanType spanType;

  SpanKind(String annotationSimpleName, String ruleType, boolean recordsArguments) {
    this.annotationName = ANNOTATION_PACKAGE + annotationSimpleName;
    this.ruleType = ruleType;
    this.recordsArguments = recordsArguments;
    this.spanType = null;
  }

  SpanKind(SpanType spanType, boolean recordsArguments) {
    this.annotationName = spanType.annotation().getName();
    this.ruleType = spanType.typeName();
    this.recordsArguments = recordsArguments;
    this.spanType = spanType;
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
