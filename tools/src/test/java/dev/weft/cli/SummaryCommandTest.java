package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {
  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();

  @Test
  void run_onAFolder_printsATablePerTraceWithSpansTokensToolsHandoffsAndErrors() throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);

    int status = SummaryCommand.run(new String[] {dir.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.out())
        .contains("trace Podcast workflow (" + TraceFileFixtures.PODCAST_ID + ")")
        .containsPattern("duration +1\\.25 s")
        .containsPattern("spans +8 \\(agent 2, function 2, generation 2, guardrail 1, handoff 1\\)")
        .containsPattern("tokens +in 200, out 42")
        .containsPattern("tool calls +write_audio x2")
        .containsPattern("handoffs +Triage -> Specialist")
        .containsPattern("error +function write_audio: audio studio busy")
        .containsPattern("group +conv-123")
        .containsPattern(
            "file +"
                + Pattern.quote(dir.resolve(TraceFileFixtures.PODCAST_ID + ".json").toString()));
    assertThat(output.err()).isEmpty();
  }

  /**
   * The trace folder of a run of the LangChain4j support-desk sample under the agent: its model
   * calls are named as the API answered them (gpt-4.1-mini) and report cached input tokens.
   */
  @Test
  void run_onTheTracesOfARealRun_estimatesANonZeroCostWithNoConfiguration() throws Exception {
    Path run = copyRecordedRun();

    int status = SummaryCommand.run(new String[] {run.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.out()).doesNotContain("unpriced").doesNotContainPattern("\\$0\\.0000(?!\\d)");
    assertThat(output.out().lines().filter(line -> line.matches("  cost +\\$0\\.0001"))).hasSize(4);
    // Nested agents: the outer one carries what the inner ones spent.
    assertThat(output.out())
        .containsPattern("cost by agent +replyWriter \\$0\\.0001, draft \\$0\\.0000\\d\\d, polish");
    assertThat(output.err()).isEmpty();
  }

  private Path copyRecordedRun() throws Exception {
    Path run = Files.createDirectories(dir.resolve("recorded-run"));
    for (String id :
        new String[] {
          "trace_0727412fe664db688e4f3e0d85a53da1",
          "trace_2bf44d11a1a3322afe3caf298b4f6669",
          "trace_74a445af4e816ac2ffae27658e8bd633",
          "trace_e54060dda90521b86bdca526fda4f3ab"
        }) {
      try (var in = getClass().getResourceAsStream("recorded-run/" + id + ".json")) {
        Files.copy(in, run.resolve(id + ".json"));
      }
    }
    return run;
  }

  @Test
  void run_onATrippedTrace_namesTheTrippedGuardrail() throws Exception {
    Path file = TraceFileFixtures.tripped().writeTo(dir);

    assertThat(SummaryCommand.run(new String[] {file.toString()}, output.out, output.err)).isZero();

    assertThat(output.out()).containsPattern("tripped guardrails +topic_is_allowed");
  }

  @Test
  void run_withOneline_printsOneLinePerTraceOldestFirst() throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);
    TraceFileFixtures.tripped().writeTo(dir);

    int status =
        SummaryCommand.run(new String[] {"--oneline", dir.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.out().lines())
        .containsExactly(
            TraceFileFixtures.SUPPORT_ID
                + "  Podcast workflow  40.0 ms  2 spans  0 in/0 out tokens  $0.0000  0 tool calls"
                + "  0 handoffs  1 error  tripped: topic_is_allowed",
            TraceFileFixtures.PODCAST_ID
                + "  Podcast workflow  1.250 s  8 spans  200 in/42 out tokens  $0.0001  2 tool calls"
                + "  1 handoff  1 error");
  }

  @Test
  void run_withAHugeWorkflowName_printsItCutToOneReadableLine() throws Exception {
    String huge = "Workflow " + "x".repeat(5_000_000) + "\\nsecond line";
    new TraceFileFixtures.TraceFile(
            TraceFileFixtures.SUPPORT_ID,
            huge,
            "2026-11-21T19:30:00.000000Z",
            "2026-11-21T19:30:00.040000Z")
        .writeTo(dir);

    assertThat(
            SummaryCommand.run(new String[] {"--oneline", dir.toString()}, output.out, output.err))
        .isZero();
    assertThat(SummaryCommand.run(new String[] {dir.toString()}, output.out, output.err)).isZero();

    assertThat(output.out().lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.length()).isLessThan(200));
    assertThat(output.out()).contains("Workflow xxx").contains("…").doesNotContain("second line");
  }

  @Test
  void run_whenAFileIsMalformed_reportsItOnOneLineAndSummarisesTheOthers() throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);
    Files.writeString(dir.resolve("trace_broken.json"), "{\"trace\": {\"id\": \"tr\n");
    Files.writeString(dir.resolve("notes.json"), "[1, 2]");

    int status =
        SummaryCommand.run(new String[] {"--oneline", dir.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.out().lines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith(TraceFileFixtures.PODCAST_ID);
    assertThat(output.err().lines())
        .hasSize(2)
        .anySatisfy(
            line ->
                assertThat(line).startsWith("skipped ").contains("notes.json: not a JSON object"))
        .anySatisfy(
            line -> assertThat(line).contains("trace_broken.json: not JSON").doesNotContain("\n"));
  }

  @Test
  void run_whenTheOnlyFileIsMalformed_returnsOne() throws Exception {
    Path file = Files.writeString(dir.resolve("trace_x.json"), "not json");

    assertThat(SummaryCommand.run(new String[] {file.toString()}, output.out, output.err))
        .isEqualTo(1);
    assertThat(output.err()).startsWith("skipped " + file);
  }

  @Test
  void run_onAnEmptyFolder_saysSoAndSucceeds() {
    assertThat(SummaryCommand.run(new String[] {dir.toString()}, output.out, output.err)).isZero();
    assertThat(output.out()).startsWith("no trace files in ");
  }

  @Test
  void run_whenThePathIsMissing_returnsOneAndNamesIt() {
    Path missing = dir.resolve("nowhere");

    assertThat(SummaryCommand.run(new String[] {missing.toString()}, output.out, output.err))
        .isEqualTo(1);
    assertThat(output.err()).contains("no such file or folder: " + missing);
  }

  @Test
  void run_withoutAPathOrWithAnUnknownOption_printsUsageAndReturnsTwo() {
    assertThat(SummaryCommand.run(new String[] {}, output.out, output.err)).isEqualTo(2);
    assertThat(SummaryCommand.run(new String[] {"--tree", "x"}, output.out, output.err))
        .isEqualTo(2);
    assertThat(output.err()).contains(SummaryCommand.USAGE).contains("unknown option --tree");
  }

  @Test
  void run_onATraceOfAModelWithoutAPrice_saysItIsUnpriced_neverFree() throws Exception {
    Path run = copyRecordedRun();
    Path file = run.resolve("trace_2bf44d11a1a3322afe3caf298b4f6669.json");
    Files.writeString(file, Files.readString(file).replace("gpt-4.1-mini", "house-model"));

    int status = SummaryCommand.run(new String[] {file.toString()}, output.out, output.err);

    assertThat(status).isZero();
    assertThat(output.out())
        .containsPattern("cost +unpriced house-model \\(in 176, out 7 tokens\\)\n")
        .doesNotContain("$");
  }
}
