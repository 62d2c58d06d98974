package com.example.contract;

import dev.weft.testing.CapturedTrace;
import dev.weft.testing.WeftAssertions;
import dev.weft.testing.WeftTraces;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  @Test
  void compileTimeWovenCallSites_carryTheTraceIntoPlainExecutors() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      new Scout(pool).survey();
    } finally {
      pool.shutdown();
    }

    CapturedTrace trace = traces.awaitTrace();

    WeftAssertions.assertThat(trace)
        .hasSpanTree("agent Scout\n" + "  function probe\n".repeat(6))
        .hasToolCallWithArguments("probe", "invokeAll 2")
        .hasToolCallWithArguments("probe", "thenApplyAsync");
  }
}
