package dev.weft.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.CapturedTrace;
import dev.weft.testing.WeftAssertions;
import dev.weft.testing.WeftTraces;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample's agent behaviour, asserted on its traces: these tests run under the java agent
 * (Surefire's argLine), so the annotated code is traced as in production.
 */
class PodcastTracesTest {
  @RegisterExtension final WeftTraces traces = new WeftTraces();

  @Test
  void eachConversation_handsTheFollowUpToASpecialist_andNeverRecordsTheListenersAddress() {
    assertThat(SampleApp.run(Map.of(), new PrintStream(OutputStream.nullOutputStream()))).isZero();

    List<CapturedTrace> all = traces.awaitTraces(3);

    CapturedTrace first = conversation(all, "conv-podcast-001");
    WeftAssertions.assertThat(first)
        .hasWorkflowName("Podcast workflow")
        .hasHandoffChain("Triage", "Transcript specialist")
        .hasNoTrippedGuardrail()
        .hasToolCallCount("write_audio", 2);
    WeftAssertions.assertThat(first.toolCalls("write_audio").get(0).span()).hasError();
    WeftAssertions.assertThat(first.toolCalls("write_audio").get(1).span()).hasNoError();

    CapturedTrace second = conversation(all, "conv-podcast-002");
    // The topic asks for a guest's home address: the input guardrail stops the orchestrator.
    WeftAssertions.assertThat(second)
        .hasTrippedGuardrails("topic_is_allowed")
        .hasSpanTree(
            """
            custom load_show_profile
            agent Orchestrator ERROR dev.weft.sample.GuardrailTripwireException
              guardrail topic_is_allowed TRIPPED
            """);

    for (CapturedTrace trace : all) {
      WeftAssertions.assertThat(trace)
          .doesNotContainValue("ada.listener@example.com")
          .doesNotContainValue("grace.listener@example.com");
    }
  }

  /** The first trace of the conversation {@code groupId}. */
  private static CapturedTrace conversation(List<CapturedTrace> traces, String groupId) {
    return traces.stream()
        .filter(t -> groupId.equals(t.record().groupId()))
        .min(java.util.Comparator.comparingLong(t -> t.record().startedAtMicros()))
        .orElseThrow(() -> new AssertionError("no trace of " + groupId + " among " + traces));
  }
}
