package dev.weft.weaver;

import dev.weft.capture.ValueRenderer;
import java.util.Arrays;
import java.util.List;

/**
 * What the engine works out once about one traced method: the span it becomes, its names, which
 * parameters are sensitive, span attributes, group id or trace metadata, and what to capture.
 *
 * <p>Obtained from {@link MethodSpanEngine#descriptorFor}, cached per method, immutable apart from
 * the mark that the java agent weaves the method (so a second weaving route defers to it) and
 * thread-safe. It holds no reference to the method's class, so caching it never keeps a class
 * loader alive.
 */
public final class MethodDescriptor {
  final SpanKind kind;
  final String name;
  final String model;
  final String server;
  final String handoffFrom;
  final String handoffTo;
  final List<String> handoffs;
  final List<String> tools;
  final String outputType;
  final String workflowGroupId;
  final String[] parameterNames;

  /**
   * Which arguments are never captured: {@code @Sensitive}, or named like a secret ({@link
   * dev.weft.capture.ValueRenderer#isSensitiveName}); worked out once, not on every call.
   */
  final boolean[] sensitive;

  final String[] attributeKeys;
  final String[] traceMetadataKeys;
  final int groupIdIndex;
  final boolean captureArguments;
  final boolean captureResult;
  final boolean sensitiveResult;
  final boolean returnsValue;
  final boolean reactiveReturn;
  final boolean sequenceReturn;
  final boolean stageReturn;
  final String methodKey;
  private volatile boolean wovenByAgent;

  MethodDescriptor(DescriptorFactory.Parts parts) {
    this.kind = parts.kind;
    this.name = parts.name;
    this.model = parts.model;
    this.server = parts.server;
    this.handoffFrom = parts.handoffFrom;
    this.handoffTo = parts.handoffTo;
    this.handoffs = List.copyOf(parts.handoffs);
    this.tools = List.copyOf(parts.tools);
    this.outputType = parts.outputType;
    this.workflowGroupId = parts.workflowGroupId;
    this.parameterNames = parts.parameterNames;
    this.sensitive = ValueRenderer.secretArguments(parts.parameterNames, parts.sensitive);
    this.attributeKeys = parts.attributeKeys;
    this.traceMetadataKeys = parts.traceMetadataKeys;
    this.groupIdIndex = parts.groupIdIndex;
    this.captureArguments = parts.captureArguments;
    this.captureResult = parts.captureResult;
    this.sensitiveResult = parts.sensitiveResult;
    this.returnsValue = parts.returnsValue;
    this.reactiveReturn = parts.reactiveReturn;
    this.sequenceReturn = parts.sequenceReturn;
    this.stageReturn = parts.stageReturn;
    this.methodKey = parts.methodKey;
    this.wovenByAgent = parts.wovenByAgent;
  }

  /**
   * Returns the span type: {@code workflow} (a trace, or a custom span inside one), {@code agent},
   * {@code function}, {@code generation}, {@code response}, {@code guardrail}, {@code handoff},
   * {@code custom}, {@code mcp_tools}, {@code task}, {@code turn}, {@code transcription}, {@code
   * speech} or {@code speech_group}.
   */
  public String spanType() {
    return kind.ruleType;
  }

  /** Returns the span name (agent, tool, guardrail, workflow or custom span name). */
  public String name() {
    return name;
  }

  /** Returns the parameter names used for captured arguments, in parameter order. */
  public List<String> parameterNames() {
    return List.of(parameterNames);
  }

  /** Returns whether arguments are captured (the annotation's {@code captureArguments}). */
  public boolean captureArguments() {
    return captureArguments;
  }

  /** Returns whether the result is captured (the annotation's {@code captureResult}). */
  public boolean captureResult() {
    return captureResult;
  }

  /** Returns whether the java agent weaves this method, so other weaving routes stand aside. */
  public boolean wovenByAgent() {
    return wovenByAgent;
  }

  void markWovenByAgent() {
    wovenByAgent = true;
  }

  /** Returns whether a call needs its arguments at all, given the sensitive-data setting. */
  boolean needsArguments(boolean includeSensitiveData) {
    if (parameterNames.length == 0) {
      return false;
    }
    if (groupIdIndex >= 0 || traceMetadataKeys != null) {
      // The group id and trace metadata are kept whether or not sensitive data is.
      return true;
    }
    if (!includeSensitiveData) {
      return false;
    }
    return (captureArguments && kind.recordsArguments)
        || attributeKeys != null
        || traceMetadataKeys != null
        || kind == SpanKind.GENERATION;
  }

  @Override
  public String toString() {
    return "MethodDescriptor["
        + kind.ruleType
        + " "
        + name
        + " "
        + Arrays.toString(parameterNames)
        + (wovenByAgent ? " agent" : "")
        + "]";
  }
}
