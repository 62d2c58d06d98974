package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.internal.Ids;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceRecordTest {

  @Test
  void started_formatsItsIdFromBothHalves() {
    TraceRecord record = TraceRecord.started(0x0123456789abcdefL, -1L, "wf", null, null, 5, null);

    assertThat(record.traceId()).isEqualTo("trace_0123456789abcdefffffffffffffffff");
    assertThat(Ids.isValid(record.traceId(), "trace_", 32)).isTrue();
    assertThat(record.traceId()).isSameAs(record.traceId());
  }

  @Test
  void endedAt_keepsTheValuesAndSharesTheIdText() {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("k", "v");
    TraceRecord started =
        TraceRecord.started(7, 9, "wf", "group_1", metadata, 5, Map.of("openai.api-key", "key"));

    TraceRecord ended = started.endedAt(8).endedAt(9);

    assertThat(ended.traceId()).isSameAs(started.traceId());
    assertThat(ended.workflowName()).isEqualTo("wf");
    assertThat(ended.groupId()).isEqualTo("group_1");
    assertThat(ended.metadata()).containsExactly(Map.entry("k", "v"));
    assertThat(ended.exportSetting("openai.api-key")).isEqualTo("key");
    assertThat(ended.startedAtMicros()).isEqualTo(5);
    assertThat(ended.endedAtMicros()).isEqualTo(9);
    assertThat(ended.durationMicros()).isEqualTo(4);
    assertThat(started.isEnded()).isFalse();
    assertThat(ended.isEnded()).isTrue();
  }

  @Test
  void metadata_isCopiedAtCreation() {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("k", "v");
    TraceRecord record = new TraceRecord("trace_x", "wf", null, metadata, 1, 0, null);
    metadata.put("later", "added");

    assertThat(record.metadata()).containsOnlyKeys("k");
  }

  @Test
  void equals_comparesValues_whetherTheIdWasGivenOrMade() {
    TraceRecord made = TraceRecord.started(1, 2, "wf", null, Map.of("a", 1), 3, null);
    TraceRecord given = new TraceRecord(made.traceId(), "wf", null, Map.of("a", 1), 3, 0, null);

    assertThat(given).isEqualTo(made).hasSameHashCodeAs(made);
    assertThat(made.endedAt(4)).isNotEqualTo(made);
  }

  @Test
  void traceId_givenAsNull_staysNull() {
    assertThat(new TraceRecord(null, "wf", null, null, 1, 0, null).traceId()).isNull();
  }
}
