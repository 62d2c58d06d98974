package dev.weft.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultAccessorsTest {
  record SdkUsage(long inputTokens, long outputTokens) {}

  record Completion(SdkUsage usage, String id, String model) {}

  public static final class GetterUsage {
    public int getPromptTokens() {
      return 9;
    }

    public int getCompletionTokens() {
      return 1;
    }
  }

  public static final class Holder {
    public GetterUsage getUsage() {
      return new GetterUsage();
    }
  }

  record Tripwire(boolean tripwireTriggered) {}

  @Test
  void usage_readsRecordGetterAndMapShapes() {
    assertThat(ResultAccessors.usage(new Completion(new SdkUsage(5, 2), "id", "m")))
        .isEqualTo(dev.weft.data.Usage.of(5, 2));
    assertThat(ResultAccessors.usage(new Holder())).isEqualTo(dev.weft.data.Usage.of(9, 1));
    assertThat(
            ResultAccessors.usage(Map.of("usage", Map.of("input_tokens", 3, "output_tokens", 4))))
        .isEqualTo(dev.weft.data.Usage.of(3, 4));
    assertThat(ResultAccessors.usage("no usage")).isNull();
    assertThat(ResultAccessors.usage(null)).isNull();
  }

  @Test
  void idModelTriggeredAndTargetName_areReadFromTheirAccessors() {
    Completion completion = new Completion(null, "resp_9", "gpt");

    assertThat(ResultAccessors.id(completion)).isEqualTo("resp_9");
    assertThat(ResultAccessors.model(completion)).isEqualTo("gpt");
    assertThat(ResultAccessors.triggered(new Tripwire(true))).isTrue();
    assertThat(ResultAccessors.triggered(Boolean.FALSE)).isFalse();
    assertThat(ResultAccessors.triggered("yes")).isFalse();
    assertThat(ResultAccessors.targetName("Billing")).isEqualTo("Billing");
    assertThat(ResultAccessors.targetName(Thread.State.NEW)).isEqualTo("NEW");
  }

  @Test
  void toolNames_readCollectionsArraysAndNames() {
    assertThat(ResultAccessors.toolNames(List.of("a", "b"))).containsExactly("a", "b");
    assertThat(ResultAccessors.toolNames(new Object[] {Thread.State.NEW})).containsExactly("NEW");
    assertThat(ResultAccessors.toolNames("not a listing")).isNull();
  }
}
