package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final CommandOutput output = new CommandOutput();

  @Test
  void run_dispatchesToTheNamedCommand(@TempDir Path dir) throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);

    int status =
        Main.run(new String[] {"summary", "--oneline", dir.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.out()).startsWith(TraceFileFixtures.PODCAST_ID);
  }

  @Test
  void run_withAnUnknownOrNoCommand_printsUsageAndReturnsTwo() {
    assertThat(Main.run(new String[] {"frobnicate"}, output.out, output.err)).isEqualTo(2);
    assertThat(Main.run(new String[] {}, output.out, output.err)).isEqualTo(2);
    assertThat(output.err()).contains("unknown command: frobnicate").contains("summary");
  }
}
