package dev.weft.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageTest {

  @Test
  void plus_addsTokenCounts_andTotalSumsThem() {
    Usage sum = Usage.of(10, 2).plus(Usage.of(5, 3));
    assertThat(sum).isEqualTo(Usage.of(15, 5));
    assertThat(sum.totalTokens()).isEqualTo(20);
  }

  @Test
  void details_areCopiedAndNeverNull() {
    Map<String, Object> details = new HashMap<>(Map.of("cached_tokens", 3));
    Usage usage = new Usage(1, 2, details);
    details.clear();
    assertThat(usage.details()).containsEntry("cached_tokens", 3);
    assertThat(new Usage(1, 2, null).details()).isEmpty();
  }
}
