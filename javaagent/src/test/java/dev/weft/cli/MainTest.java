package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void run_version_printsTheVersion() {
    assertThat(run("version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("weft ");
  }

  @Test
  void run_withAnUnknownOrNoCommand_printsUsageAndReturnsTwo() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown command: frobnicate")
        .contains("attach <pid>");
  }

  @Test
  void run_attachWithoutAPid_isAUsageError() {
    assertThat(run("attach")).isEqualTo(2);
    assertThat(run("attach", "not-a-pid")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: attach <pid>");
  }

  @Test
  void run_help_listsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("attach").contains("version");
  }
}
