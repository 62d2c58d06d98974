package dev.weft.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Span;
import dev.weft.SpanRecord;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GenAI semantic conventions' attributes of a model call, from a span recorded for real. */
class GenAiMappingTest {
  @AfterEach
  void reset() {
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  private static SpanRecord generation() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    List<SpanRecord> ended = new CopyOnWriteArrayList<>();
    Tracing.setProcessors(
        new TracingProcessor() {
          @Override
          public void onSpanEnd(SpanRecord span) {
            ended.add(span);
          }
        });
    try (Span span =
        Tracing.startGenerationSpan(
            "claude-sonnet-4-5",
            List.of(
                Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "Hi")))) {
      span.setData(
          new GenerationSpanData(
              ((GenerationSpanData) span.data()).input(),
              List.of(Map.of("role", "assistant", "content", "Hello")),
              "claude-sonnet-4-5",
              Map.of(
                  "temperature",
                  0.2,
                  "max_tokens",
                  256,
                  "finish_reason",
                  "end_turn",
                  "response_id",
                  "msg_1"),
              new Usage(
                  120,
                  30,
                  Map.of(
                      "cached_tokens",
                      100,
                      "cache_creation_input_tokens",
                      20,
                      "reasoning_tokens",
                      7))));
    }
    return ended.get(0);
  }

  private static Attributes mapped(boolean includeSensitiveData) {
    SpanMapping mapping =
        new SpanMapping(
            includeSensitiveData, Resource.empty(), InstrumentationScopeInfo.create("test"));
    return mapping.map(generation()).attributes();
  }

  @Test
  void aModelCall_carriesProviderSettingsUsageAndMessages() {
    Attributes attributes = mapped(true);

    assertThat(attributes.get(SpanMapping.PROVIDER)).isEqualTo("anthropic");
    assertThat(attributes.get(AttributeKey.doubleKey("gen_ai.request.temperature"))).isEqualTo(0.2);
    assertThat(attributes.get(AttributeKey.longKey("gen_ai.request.max_tokens"))).isEqualTo(256L);
    assertThat(attributes.get(SpanMapping.FINISH_REASONS)).containsExactly("end_turn");
    assertThat(attributes.get(SpanMapping.RESPONSE_ID)).isEqualTo("msg_1");
    assertThat(attributes.get(SpanMapping.CACHE_READ_TOKENS)).isEqualTo(100L);
    assertThat(attributes.get(SpanMapping.CACHE_CREATION_TOKENS)).isEqualTo(20L);
    assertThat(attributes.get(SpanMapping.REASONING_TOKENS)).isEqualTo(7L);
    assertThat(attributes.get(SpanMapping.SYSTEM_INSTRUCTIONS))
        .isEqualTo("[{\"type\":\"text\",\"content\":\"Be brief.\"}]");
    assertThat(attributes.get(SpanMapping.INPUT_MESSAGES))
        .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]");
    assertThat(attributes.get(SpanMapping.OUTPUT_MESSAGES))
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello\"}],"
                + "\"finish_reason\":\"stop\"}]");
  }

  @Test
  void withoutSensitiveData_theMessagesAreLeftOut_andTheCountsKept() {
    Attributes attributes = mapped(false);

    assertThat(attributes.get(SpanMapping.INPUT_MESSAGES)).isNull();
    assertThat(attributes.get(SpanMapping.OUTPUT_MESSAGES)).isNull();
    assertThat(attributes.get(SpanMapping.SYSTEM_INSTRUCTIONS)).isNull();
    assertThat(attributes.get(SpanMapping.CACHE_READ_TOKENS)).isEqualTo(100L);
    assertThat(attributes.get(SpanMapping.PROVIDER)).isEqualTo("anthropic");
  }

  @Test
  void aToolCall_carriesTheIdOfTheModelsCall() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    List<SpanRecord> ended = new CopyOnWriteArrayList<>();
    Tracing.setProcessors(
        new TracingProcessor() {
          @Override
          public void onSpanEnd(SpanRecord span) {
            ended.add(span);
          }
        });
    try (Span tool = Tracing.startFunctionSpan("weather", "{}")) {
      tool.setMetadata("tool_call_id", "call_7");
    }
    SpanMapping mapping =
        new SpanMapping(false, Resource.empty(), InstrumentationScopeInfo.create("test"));

    Attributes attributes = mapping.map(ended.get(0)).attributes();

    assertThat(attributes.get(SpanMapping.TOOL_CALL_ID)).isEqualTo("call_7");
    assertThat(attributes.get(SpanMapping.TOOL_NAME)).isEqualTo("weather");
  }
}
