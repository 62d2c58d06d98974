package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AgentArgumentsTest {

  @RegisterExtension final LogCapture log = new LogCapture();

  @Test
  void parse_whenNullOrBlank_isEmpty() {
    assertThat(AgentArguments.parse(null)).isEmpty();
    assertThat(AgentArguments.parse("  ")).isEmpty();
  }

  @Test
  void parse_shortAndFullKeys_bothBecomeCanonical() {
    assertThat(AgentArguments.parse("json.dir=/tmp/t;weft.exporters=json,otlp"))
        .containsExactly(entry("weft.json.dir", "/tmp/t"), entry("weft.exporters", "json,otlp"));
  }

  @Test
  void parse_pieceWithoutEquals_continuesPreviousValue() {
    assertThat(
            AgentArguments.parse(
                "methods=com.a.B[x]@agent;com.a.C[*]@tool;com.a.D;log.level=debug"))
        .containsExactly(
            entry("weft.methods", "com.a.B[x]@agent;com.a.C[*]@tool;com.a.D"),
            entry("weft.log.level", "debug"));
  }

  @Test
  void parse_valueKeepsEverythingAfterFirstEquals() {
    assertThat(AgentArguments.parse("redact.patterns=pass=\\w+"))
        .containsExactly(entry("weft.redact.patterns", "pass=\\w+"));
  }

  @Test
  void parse_emptyPiecesAndSurroundingSpaces_areIgnored() {
    assertThat(AgentArguments.parse(" ; json.dir = out ;; "))
        .containsExactly(entry("weft.json.dir", "out"));
  }

  @Test
  void parse_leadingPieceWithoutEquals_isReportedAndIgnored() {
    assertThat(AgentArguments.parse("oops;json.dir=out"))
        .containsExactly(entry("weft.json.dir", "out"));
    assertThat(log.lines()).singleElement().asString().contains("'oops'").contains("key=value");
  }

  @Test
  void parse_pieceWithEmptyKey_isReportedAndIgnored() {
    assertThat(AgentArguments.parse("=x;json.dir=out"))
        .containsExactly(entry("weft.json.dir", "out"));
    assertThat(log.lines()).hasSize(1);
  }
}
