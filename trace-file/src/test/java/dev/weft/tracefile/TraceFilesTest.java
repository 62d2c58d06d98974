package dev.weft.tracefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ManualClock;
import dev.weft.RecordingProcessor;
import dev.weft.SpanRecord;
import dev.weft.TestTracing;
import dev.weft.Trace;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.SpanError;
import dev.weft.fixtures.SpanSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceFilesTest {
  @TempDir Path dir;
  private TraceRecord trace;
  private List<SpanRecord> spans;

  @BeforeEach
  void recordOneSpanOfEachType() {
    RecordingProcessor recorder = TestTracing.reset(new ManualClock(1_000));
    try (Trace t = Tracing.trace("Support").groupId("g-1").metadata("customer", "c-1").start()) {
      SpanSamples.recordOneOfEachType();
    }
    trace = recorder.traceEnds.get(0);
    spans = new ArrayList<>(recorder.spanEnds);
    spans.sort(Comparator.comparingLong(SpanRecord::startedAtMicros));
  }

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
  }

  @Test
  void parse_roundTripsEverySpanType_toTheSameJson() throws Exception {
    String written = TraceJson.traceFileToString(trace, spans);
    TraceFile read = TraceFiles.parse(written);

    assertThat(read.trace()).isEqualTo(trace);
    assertThat(read.skippedSpans()).isZero();
    assertThat(read.spans()).hasSize(SpanSamples.TYPES.size());
    assertThat(read.spans())
        .extracting(s -> s.data().type())
        .containsExactlyElementsOf(SpanSamples.TYPES);
    assertThat(TraceJson.traceFileToString(read.trace(), read.spans())).isEqualTo(written);
    for (int i = 0; i < spans.size(); i++) {
      SpanRecord original = spans.get(i);
      SpanRecord back = read.spans().get(i);
      assertThat(back.spanId()).isEqualTo(original.spanId());
      assertThat(back.parentId()).isEqualTo(original.parentId());
      assertThat(back.startedAtMicros()).isEqualTo(original.startedAtMicros());
      assertThat(back.endedAtMicros()).isEqualTo(original.endedAtMicros());
      assertThat(back.metadata()).isEqualTo(original.metadata());
      if (!(original.data() instanceof dev.weft.data.GenerationSpanData)) {
        // Generation usage details hold an Integer written as a JSON number and read as a Long.
        assertThat(back.data()).as(original.toString()).isEqualTo(original.data());
      }
    }
  }

  @Test
  void readSpans_areTheRecordsExportersGet_withTheirTraceAndParent() throws Exception {
    TraceFile read = TraceFiles.parse(TraceJson.traceFileToString(trace, spans));
    SpanRecord agent = read.spans().get(0);
    SpanRecord tool = read.spans().get(1);
    assertThat(tool.parentId()).isEqualTo(agent.spanId());
    assertThat(agent.isLocalRoot()).isTrue();
    assertThat(tool.isLocalRoot()).isFalse();
    assertThat(tool.trace()).isEqualTo(read.trace());
    assertThat(tool.traceId()).isEqualTo(trace.traceId());
    assertThat(tool.data()).isInstanceOf(FunctionSpanData.class);
    assertThat(tool.error())
        .isEqualTo(new SpanError("order service slow", java.util.Map.of("retry", true)));
    assertThat(tool.isEnded()).isTrue();
    assertThat(tool).isEqualTo(spans.get(1));
  }

  @Test
  void parse_anOpenTrace_hasNoEnd() throws Exception {
    TraceRecord open =
        new TraceRecord(trace.traceId(), "wf", null, null, trace.startedAtMicros(), 0, null);
    TraceFile read = TraceFiles.parse(TraceJson.traceFileToString(open, List.of()));
    assertThat(read.trace().isEnded()).isFalse();
    assertThat(read.spans()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "{\"trace\": {\"id\": \"trace_1\"}, \"spans\": [",
        "[1, 2]",
        "{\"spans\": []}",
        "{\"trace\": 3, \"spans\": []}",
        "{\"trace\": {\"workflow_name\": \"no id\"}, \"spans\": []}",
        "{\"trace\": {\"id\": \"trace_1\"}, \"spans\": {}}"
      })
  void parse_malformedText_throwsACheckedExceptionSayingWhy(String text) {
    assertThatThrownBy(() -> TraceFiles.parse(text))
        .isInstanceOf(MalformedTraceFileException.class)
        .hasMessageMatching(".+");
  }

  @Test
  void read_malformedFile_namesTheFile() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThatThrownBy(() -> TraceFiles.read(file))
        .isInstanceOf(MalformedTraceFileException.class)
        .hasMessageContaining("broken.json");
    Files.writeString(
        file, "{\"trace\": {\"id\": \"trace_1\"}, \"spans\": [", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TraceFiles.read(file))
        .isInstanceOf(MalformedTraceFileException.class)
        .hasMessageContaining("broken.json");
  }

  @Test
  void parse_skipsEntriesThatAreNotSpans_andReadsUnknownTypesAsCustom() throws Exception {
    String text =
        "{\"trace\":{\"id\":\"trace_1\",\"workflow_name\":\"wf\"},\"spans\":[1,{\"id\":\"span_1\"},"
            + "{\"id\":\"span_2\",\"started_at\":\"bad\",\"span_data\":{\"type\":\"future\",\"x\":1}}]}";
    TraceFile read = TraceFiles.parse(text);
    assertThat(read.skippedSpans()).isEqualTo(2);
    assertThat(read.spans()).hasSize(1);
    SpanRecord span = read.spans().get(0);
    assertThat(span.data())
        .isEqualTo(new dev.weft.data.CustomSpanData("future", java.util.Map.of("x", 1L)));
    assertThat(span.startedAtMicros()).isZero();
    assertThat(span.traceId()).isEqualTo("trace_1");
  }
}
