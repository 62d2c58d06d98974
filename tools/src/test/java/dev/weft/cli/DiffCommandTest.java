package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  private static final String SHORT_RUN = "trace_2bf44d11a1a3322afe3caf298b4f6669";
  private static final String TOOL_RUN = "trace_e54060dda90521b86bdca526fda4f3ab";

  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();

  /**
   * Two runs of the LangChain4j support-desk sample's assistant: one answered at once, the other
   * called two tools first.
   */
  @Test
  void run_onTwoRecordedRunsByIdPrefix_alignsTheTreeAndMarksWhatOnlyTheSecondHas()
      throws Exception {
    copyRecorded(SHORT_RUN, TOOL_RUN);

    int status =
        DiffCommand.run(
            new String[] {"2bf44d", TOOL_RUN, "--dir", dir.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.err()).isEmpty();
    assertThat(output.out())
        .contains("A  " + SHORT_RUN + "  Assistant", "B  " + TOOL_RUN + "  Assistant")
        .containsPattern("(?m)^  agent Assistant +53\\.6 ms -> 577\\.9 ms \\(\\+524\\.3 ms\\)$")
        .containsPattern(
            "(?m)^~   generation gpt-4\\.1-mini +52\\.5 ms -> 456\\.4 ms \\(\\+403\\.8 ms\\)"
                + " +183 -> 75 \\(-108\\) +\\$0\\.0001 -> \\$0\\.0001 \\(\\+\\$0\\.000007\\)"
                + " +input, output$")
        .containsPattern("(?m)^\\+   function orderStatus +- -> 1\\.9 ms$")
        .containsPattern("(?m)^\\+   function deliveryDays +- -> 536 µs$")
        .containsPattern(
            "(?m)^\\+   generation gpt-4\\.1-mini +- -> 27\\.2 ms +- -> 153 +- -> \\$0\\.0001$")
        .containsPattern("(?m)^total duration  53\\.6 ms -> 577\\.9 ms \\(\\+524\\.3 ms\\)$")
        .containsPattern(
            "(?m)^total tokens    183 -> 228 \\(\\+45\\)  \\(in 176 -> 184 \\(\\+8\\), out 7 -> 44 \\(\\+37\\)\\)$")
        .containsPattern("(?m)^spans           1 same, 1 changed, 0 only in A, 3 only in B$");
  }

  @Test
  void run_withASpanGoneAndAnOutputChanged_marksItRemovedAndChanged() throws Exception {
    Path a = TraceFileFixtures.podcast().writeTo(dir);
    Path other = Files.createDirectories(dir.resolve("other"));
    Path b =
        new TraceFileFixtures.TraceFile(
                TraceFileFixtures.SUPPORT_ID,
                "Podcast workflow",
                "2026-11-21T20:00:00.000000Z",
                "2026-11-21T20:00:01.000000Z")
            .span(
                "span_b00000000000000000000001",
                null,
                "{\"type\":\"agent\",\"name\":\"Orchestrator\",\"handoffs\":[],"
                    + "\"tools\":[\"write_audio\"],\"output_type\":\"Episode\"}")
            .span(
                "span_b00000000000000000000002",
                "span_b00000000000000000000001",
                "{\"type\":\"guardrail\",\"name\":\"topic_is_allowed\",\"triggered\":true}")
            .span(
                "span_b00000000000000000000003",
                "span_b00000000000000000000001",
                "{\"type\":\"generation\",\"input\":[],\"output\":[],\"model\":\"gpt-4.1-mini\","
                    + "\"model_config\":{},\"usage\":{\"input_tokens\":100,\"output_tokens\":30}}")
            .writeTo(other);

    int status = DiffCommand.run(new String[] {a.toString(), b.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.out())
        .containsPattern("(?m)^  agent Orchestrator +500 µs -> 500 µs$")
        .containsPattern("(?m)^~   guardrail topic_is_allowed .* output$")
        .containsPattern("(?m)^    generation gpt-4\\.1-mini .* 150 -> 130 \\(-20\\)")
        .containsPattern("(?m)^-   function write_audio +500 µs -> -$")
        .containsPattern("(?m)^- agent Triage")
        .containsPattern("(?m)^-   handoff Triage -> Specialist")
        .containsPattern("(?m)^spans           2 same, 1 changed, 5 only in A, 0 only in B$");
  }

  @Test
  void run_withHugeNames_keepsEveryLineToABoundedWidth() throws Exception {
    String huge = "agent-" + "x".repeat(100_000) + "\\nsecond line";
    Path a =
        new TraceFileFixtures.TraceFile(
                TraceFileFixtures.PODCAST_ID,
                huge,
                "2026-11-21T19:30:00.000000Z",
                "2026-11-21T19:30:00.040000Z")
            .span(
                "span_a00000000000000000000001",
                null,
                "{\"type\":\"agent\",\"name\":\"" + huge + "\"}")
            .writeTo(dir);
    Path b = TraceFileFixtures.tripped().writeTo(dir);

    assertThat(DiffCommand.run(new String[] {a.toString(), b.toString()}, output.out, output.err))
        .isZero();

    assertThat(output.out()).contains("- agent agent-xxx", "…");
    assertThat(output.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(200));
  }

  @Test
  void run_withAnUnknownTrace_reportsItAndFails() throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);

    int status =
        DiffCommand.run(
            new String[] {
              "0000000000000000000000000000a001", "trace_ffff", "--dir", dir.toString()
            },
            output.out,
            output.err);

    assertThat(status).isEqualTo(1);
    assertThat(output.err()).contains("diff: no trace trace_ffff in " + dir);
  }

  @Test
  void run_withOneTrace_printsUsage() {
    assertThat(DiffCommand.run(new String[] {"a001"}, output.out, output.err)).isEqualTo(2);
    assertThat(output.err()).contains(DiffCommand.USAGE);
  }

  private void copyRecorded(String... ids) throws Exception {
    for (String id : ids) {
      try (var in = getClass().getResourceAsStream("recorded-run/" + id + ".json")) {
        Files.copy(in, dir.resolve(id + ".json"));
      }
    }
  }
}
