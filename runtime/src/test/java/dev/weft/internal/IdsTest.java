package dev.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdsTest {
  private static final long[] EDGES = {
    0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL
  };

  @Test
  void ids_areThePrefixAndTheHalvesInLowercaseHex() {
    SplittableRandom random = new SplittableRandom(42);
    byte[] bytes = new byte[64];
    for (int i = 0; i < 2_000; i++) {
      long high = i < EDGES.length ? EDGES[i] : random.nextLong();
      long low = i < EDGES.length ? EDGES[EDGES.length - 1 - i] : random.nextLong();

      String traceId = String.format("trace_%016x%016x", high, low);
      assertThat(Ids.traceId(high, low)).isEqualTo(traceId);
      int length = Ids.traceIdBytes(high, low, bytes);
      assertThat(new String(bytes, 0, length, StandardCharsets.US_ASCII)).isEqualTo(traceId);

      String spanId = String.format("span_%08x%016x", high & 0xFFFFFFFFL, low);
      assertThat(Ids.spanId(high, low)).isEqualTo(spanId);
      length = Ids.spanIdBytes(high, low, bytes);
      assertThat(new String(bytes, 0, length, StandardCharsets.US_ASCII)).isEqualTo(spanId);
    }
  }

  @Test
  void newIds_areValid() {
    assertThat(Ids.isValid(Ids.newTraceId(), "trace_", 32)).isTrue();
    assertThat(Ids.isValid(Ids.newGroupId(), "group_", 24)).isTrue();
  }
}
