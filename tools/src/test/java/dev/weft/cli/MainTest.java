package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final CommandOutput output = new CommandOutput();

  private int run(String... args) {
    return Main.run(args, output.out, output.err);
  }

  @Test
  void run_dispatchesToTheNamedCommand(@TempDir Path dir) throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);

    int status = run("summary", "--oneline", dir.toString());

    assertThat(status).isZero();
    assertThat(output.out()).startsWith(TraceFileFixtures.PODCAST_ID);
  }

  @Test
  void run_version_printsTheVersion() {
    assertThat(run("version")).isZero();
    assertThat(output.out()).startsWith("weft ");
  }

  @Test
  void run_withAnUnknownOrNoCommand_printsUsageAndReturnsTwo() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(output.err())
        .contains("unknown command: frobnicate")
        .contains("summary")
        .contains("attach <pid>");
  }

  @Test
  void run_attachWithoutAPid_isAUsageError() {
    assertThat(run("attach")).isEqualTo(2);
    assertThat(run("attach", "not-a-pid")).isEqualTo(2);
    assertThat(output.err()).contains("usage: attach <pid>");
  }

  @Test
  void run_help_listsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(output.out()).contains("attach").contains("version").contains("serve");
  }
}
