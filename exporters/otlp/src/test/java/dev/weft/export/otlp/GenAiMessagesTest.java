package dev.weft.export.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenAiMessagesTest {

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void chatMessages_becomeSystemInstructionsAndMessagesOfParts() {
    List<Object> input =
        List.of(
            map("role", "system", "content", "You are the desk."),
            map("role", "user", "content", "Weather in Paris?"),
            map(
                "role",
                "assistant",
                "content",
                null,
                "tool_calls",
                List.of(
                    map(
                        "id",
                        "call_1",
                        "type",
                        "function",
                        "function",
                        map("name", "weather", "arguments", "{\"city\":\"Paris\"}")))),
            map("role", "tool", "tool_call_id", "call_1", "content", "sunny"));

    GenAiMessages messages = GenAiMessages.input(input);

    assertThat(messages.systemInstructionsJson())
        .isEqualTo("[{\"type\":\"text\",\"content\":\"You are the desk.\"}]");
    assertThat(messages.messagesJson())
        .isEqualTo(
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in Paris?\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_1\","
                + "\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}]},"
                + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
                + "\"response\":\"sunny\"}]}]");
  }

  @Test
  void outputMessages_carryTheFinishReasonInTheConventionsWords() {
    List<Object> calling =
        List.of(
            map(
                "role",
                "assistant",
                "tool_calls",
                List.of(map("id", "c", "function", map("name", "lookup", "arguments", "{}")))));

    assertThat(GenAiMessages.output(calling, "tool_calls").messagesJson())
        .contains("\"finish_reason\":\"tool_call\"");
    assertThat(GenAiMessages.output(calling, null).messagesJson())
        .contains("\"finish_reason\":\"tool_call\"");
    assertThat(
            GenAiMessages.output(List.of(map("role", "assistant", "content", "Hi")), "length")
                .messagesJson())
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}],"
                + "\"finish_reason\":\"length\"}]");
  }

  @Test
  void contentParts_andResponsesApiItems_areKept() {
    List<Object> input =
        List.of(
            map(
                "role",
                "user",
                "content",
                List.of(
                    map("type", "text", "text", "Describe this"),
                    map("type", "image_url", "image_url", map("url", "data:...")))),
            map("type", "function_call", "call_id", "c9", "name", "find", "arguments", "{}"),
            map("type", "function_call_output", "call_id", "c9", "output", "found"));

    assertThat(GenAiMessages.input(input).messagesJson())
        .isEqualTo(
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Describe this\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:...\"}}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"c9\","
                + "\"name\":\"find\",\"arguments\":\"{}\"}]},"
                + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c9\","
                + "\"response\":\"found\"}]}]");
    assertThat(GenAiMessages.input(List.of()).messagesJson()).isNull();
    assertThat(GenAiMessages.input(null).systemInstructionsJson()).isNull();
  }

  @Test
  void providers_areNamedFromTheModelsFamily_orItsPrefix() {
    assertThat(GenAiProviders.of("gpt-4.1-mini-2025-04-14")).isEqualTo("openai");
    assertThat(GenAiProviders.of("o3-mini")).isEqualTo("openai");
    assertThat(GenAiProviders.of("claude-sonnet-4-5")).isEqualTo("anthropic");
    assertThat(GenAiProviders.of("gemini-2.5-flash")).isEqualTo("gcp.gemini");
    assertThat(GenAiProviders.of("mistral-large-latest")).isEqualTo("mistral_ai");
    assertThat(GenAiProviders.of("deepseek-chat")).isEqualTo("deepseek");
    assertThat(GenAiProviders.of("groq/llama-3.3-70b")).isEqualTo("groq");
    assertThat(GenAiProviders.of("llama-3.3-70b")).isNull();
    assertThat(GenAiProviders.of("ollama-model-42")).isNull();
    assertThat(GenAiProviders.of(null)).isNull();
  }
}
