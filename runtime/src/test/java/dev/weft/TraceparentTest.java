package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentTest {
  private static final String TRACE_HEX = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void parse_readsIdsAndSampledFlag() {
    Traceparent parsed = Traceparent.parse("00-" + TRACE_HEX + "-00f067aa0ba902b7-01");

    assertThat(parsed.traceId()).isEqualTo("trace_" + TRACE_HEX);
    assertThat(parsed.parentSpanId()).isEqualTo("span_0000000000f067aa0ba902b7");
    assertThat(parsed.sampled()).isTrue();
  }

  @Test
  void parse_whenFlagsLackSampledBit_isNotSampled() {
    assertThat(Traceparent.parse("00-" + TRACE_HEX + "-00f067aa0ba902b7-02").sampled()).isFalse();
  }

  @Test
  void parse_whenLaterVersionHasMoreFields_readsTheFirstFour() {
    Traceparent parsed = Traceparent.parse("01-" + TRACE_HEX + "-00f067aa0ba902b7-01-extra");

    assertThat(parsed.traceHex()).isEqualTo(TRACE_HEX);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z"
      })
  void parse_whenMalformed_returnsNull(String header) {
    assertThat(Traceparent.parse(header)).isNull();
  }

  @Test
  void format_usesTheLast16HexOfTheSpanId() {
    String header =
        Traceparent.format("trace_" + TRACE_HEX, "span_a1b2c3d4" + "00f067aa0ba902b7", false);

    assertThat(header).isEqualTo("00-" + TRACE_HEX + "-00f067aa0ba902b7-00");
  }

  @Test
  void format_thenParse_roundTrips() {
    String header = Traceparent.format("trace_" + TRACE_HEX, "span_0123456789abcdef01234567", true);

    Traceparent parsed = Traceparent.parse(header);

    assertThat(parsed.traceId()).isEqualTo("trace_" + TRACE_HEX);
    assertThat(parsed.parentHex()).isEqualTo("89abcdef01234567");
    assertThat(parsed.sampled()).isTrue();
  }
}
