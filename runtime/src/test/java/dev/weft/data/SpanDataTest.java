package dev.weft.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanDataTest {
  private static final String TEXT = "captured text";

  @Test
  void withoutSensitiveContent_dropsCapturedContent_andKeepsNamesAndStructure() {
    assertThat(
            new FunctionSpanData("tool", TEXT, TEXT, Map.of("server", "s"))
                .withoutSensitiveContent())
        .isEqualTo(new FunctionSpanData("tool", null, null, Map.of("server", "s")));
    assertThat(
            new GenerationSpanData(List.of(TEXT), List.of(TEXT), "m", Map.of(), Usage.of(1, 2))
                .withoutSensitiveContent())
        .isEqualTo(new GenerationSpanData(null, null, "m", Map.of(), Usage.of(1, 2)));
    assertThat(new CustomSpanData("c", Map.of("k", TEXT)).withoutSensitiveContent())
        .isEqualTo(CustomSpanData.named("c"));
    assertThat(new TranscriptionSpanData("audio", "pcm", TEXT, "m", null).withoutSensitiveContent())
        .isEqualTo(new TranscriptionSpanData(null, "pcm", null, "m", null));
    assertThat(new SpeechSpanData(TEXT, "audio", "pcm", "m", null, null).withoutSensitiveContent())
        .isEqualTo(new SpeechSpanData(null, null, "pcm", "m", null, null));
    assertThat(new SpeechGroupSpanData(TEXT).withoutSensitiveContent())
        .isEqualTo(new SpeechGroupSpanData(null));
    SpanData agent = AgentSpanData.named("a");
    assertThat(agent.withoutSensitiveContent()).isSameAs(agent);
  }

  @Test
  void records_copyTheirCollections_soEndedDataNeverChanges() {
    List<String> tools = new ArrayList<>(List.of("search"));
    AgentSpanData agent = new AgentSpanData("a", null, tools, null);
    tools.add("later");
    assertThat(agent.tools()).containsExactly("search");
    assertThat(agent.handoffs()).isEmpty();
    List<Object> input = new ArrayList<>();
    input.add(null);
    assertThat(GenerationSpanData.of("m", input).input()).containsExactly((Object) null);
  }

  @Test
  void typeAndDisplayName_nameEachSpanForPeople() {
    assertThat(new HandoffSpanData("A", null).displayName()).isEqualTo("A -> ?");
    assertThat(new TurnSpanData(3, "A", null).displayName()).isEqualTo("turn 3");
    assertThat(new TaskSpanData("t", null).type()).isEqualTo("task");
    assertThat(GenerationSpanData.of(null, null).displayName()).isEqualTo("generation");
    assertThat(new McpToolsSpanData("srv", null).type()).isEqualTo("mcp_tools");
    assertThat(new ResponseSpanData(null, null).displayName()).isEqualTo("response");
    assertThat(new GuardrailSpanData("g", true).type()).isEqualTo("guardrail");
  }
}
