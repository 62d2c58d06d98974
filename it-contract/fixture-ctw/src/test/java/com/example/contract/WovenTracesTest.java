package com.example.contract;

import dev.weft.testing.CapturedTrace;
import dev.weft.testing.WeftAssertions;
import dev.weft.testing.WeftTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** weft-testing captures what AspectJ-woven code records, as it does under the java agent. */
class WovenTracesTest {
  @RegisterExtension final WeftTraces traces = new WeftTraces();

  @Test
  void compileTimeWovenHandoffs_areCapturedWithTheirChain() {
    new Handoffs().toBilling();

    CapturedTrace trace = traces.awaitTrace();

    WeftAssertions.assertThat(trace)
        .hasSpanTree("handoff Triage -> Billing\n")
        .hasHandoffChain("Triage", "Billing");
  }
}
