package com.acme.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.CapturedTrace;
import dev.weft.testing.WeftAssertions;
import dev.weft.testing.WeftTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SupportDeskTest {
  @RegisterExtension final WeftTraces traces = new WeftTraces();

  private final SupportDesk desk = new SupportDesk();

  @Test
  void aRefundQuestion_looksUpTheOrderAndHandsOffToBilling() {
    assertThat(desk.handle("I want a refund for order 42", "ann@example.com"))
        .isEqualTo("Billing refunds order 42 shipped");

    CapturedTrace trace = traces.awaitTrace();

    WeftAssertions.assertThat(trace)
        .hasWorkflowName("Support desk")
        .hasToolCallWithArguments("lookup_order", "\"42\"")
        .hasHandoffChain("Triage", "Billing")
        .hasNoTrippedGuardrail()
        .doesNotContainValue("ann@example.com")
        .hasSpanTree(
            """
            guardrail no_passwords
            agent Triage
              function lookup_order
              handoff Triage -> Billing
              agent Billing
            """);
    WeftAssertions.assertThat(trace).hasToolCall("lookup_order").hasOutputContaining("shipped");
  }

  @Test
  void aQuestionWithAPassword_tripsTheGuardrail() {
    assertThat(desk.handle("my password is hunter2", "ann@example.com")).isEqualTo("refused");

    WeftAssertions.assertThat(traces.awaitTrace()).hasTrippedGuardrails("no_passwords");
  }

  @Test
  void aFailingAssertion_printsTheActualTree() {
    desk.handle("where is order 7?", "ann@example.com");
    CapturedTrace trace = traces.awaitTrace();

    assertThatThrownBy(() -> WeftAssertions.assertThat(trace).hasHandoffChain("Triage", "Billing"))
        .hasMessageContaining("trace Support desk")
        .hasMessageContaining("  agent Triage")
        .hasMessageContaining("    function lookup_order");
  }
}
