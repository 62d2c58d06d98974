package dev.weft.testing;

import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.SpeechSpanData;
import dev.weft.data.TranscriptionSpanData;
import dev.weft.data.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow that opens one span of every type through the public API, with a given text in every
 * piece of captured content (inputs, outputs, custom data, error messages, metadata), so exporter
 * tests can check the shape of each type and that the text goes only where it may.
 */
public final class EverySpanTypeRun {
  /** The workflow name of the trace. */
  public static final String WORKFLOW = "Every span type";

  /** The group id of the trace. */
  public static final String GROUP = "conv-42";

  private EverySpanTypeRun() {}

  /** Runs the workflow on this thread and returns its trace id. */
  public static String run(String content) {
    try (Trace trace = Tracing.trace(WORKFLOW).groupId(GROUP).metadata("user", "u-1").start();
        Span agent =
            Tracing.startAgentSpan(
                "Orchestrator", List.of("Specialist"), List.of("lookup"), "str")) {
      agent.setMetadata("note", content);
      try (Span task = Tracing.startTaskSpan("plan")) {
        task.setUsage(Usage.of(3, 4));
      }
      try (Span turn = Tracing.startTurnSpan()) {
        try (Span generation =
            Tracing.startGenerationSpan(
                "gpt-test", List.of(ordered("role", "user", "content", content)))) {
          GenerationSpanData data = (GenerationSpanData) generation.data();
          generation.setData(
              new GenerationSpanData(
                  data.input(),
                  List.of(ordered("role", "assistant", "content", content)),
                  "gpt-test",
                  Map.of("temperature", 0.5),
                  new Usage(
                      100,
                      20,
                      ordered("total_tokens", 120, "input_tokens_details", Map.of("cached", 50)))));
        }
        try (Span response = Tracing.startResponseSpan("resp_1")) {
          response.setUsage(Usage.of(1, 2));
        }
        try (Span tool = Tracing.startFunctionSpan("lookup", "{\"q\":\"" + content + "\"}")) {
          tool.setData(
              new FunctionSpanData("lookup", "{\"q\":\"" + content + "\"}", content, null));
          try (Span mcp = Tracing.startMcpToolsSpan("files", List.of("read", "write"))) {
            mcp.setData(new McpToolsSpanData("files", List.of("read", "write")));
          }
        }
        try (Span failing = Tracing.startFunctionSpan("explode", "{}")) {
          failing.recordException(new IllegalStateException("failed on " + content));
        }
      }
      try (Span guardrail = Tracing.startGuardrailSpan("no_secrets")) {
        guardrail.setData(new GuardrailSpanData("no_secrets", true));
      }
      try (Span handoff = Tracing.startHandoffSpan("Orchestrator", "Specialist")) {
        handoff.setMetadata("why", "routing");
      }
      try (Span custom = Tracing.startCustomSpan("load", ordered("secret", content, "n", 3))) {
        custom.setMetadata("k", "v");
      }
      try (Span transcription = Tracing.startTranscriptionSpan("whisper", content, "pcm")) {
        transcription.setData(new TranscriptionSpanData(content, "pcm", content, "whisper", null));
      }
      try (Span group = Tracing.startSpeechGroupSpan(content);
          Span speech = Tracing.startSpeechSpan("tts", content)) {
        speech.setData(new SpeechSpanData(content, content, "pcm", "tts", null, null));
      }
      return trace.traceId();
    }
  }

  /** Returns a map that keeps its keys in the given order, so payloads compare as text. */
  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
