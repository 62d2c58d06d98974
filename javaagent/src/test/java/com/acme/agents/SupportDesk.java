package com.acme.agents;

import dev.weft.annotations.GroupId;
import dev.weft.annotations.TraceMetadata;
import dev.weft.annotations.Workflow;
import java.util.List;

/** The support desk workflow: one trace per conversation turn. */
public class SupportDesk {
  private final TriageAgent triage;
  private final List<String> failures;

  SupportDesk(List<String> failures) {
    this.failures = failures;
    this.triage = new TriageAgent(failures);
  }

  @Workflow(name = "Support desk")
  public String handle(
      @GroupId String conversationId, @TraceMetadata("user") String userId, String question)
      throws Exception {
    String answer = triage.run(question);
    new WeatherService().forecast("Paris");
    new UpperCaseTool().call("shout");
    new ResearchAgent().act("tides");
    AsyncTools async = new AsyncTools();
    String fetched = async.fetchAsync("k1").get();
    if (!fetched.equals("value of k1")) {
      failures.add("fetch_async returned " + fetched);
    }
    try {
      async.failAsync("k2").join();
      failures.add("fail_async did not fail");
    } catch (java.util.concurrent.CompletionException expected) {
      // The failure reaches the caller as usual.
    }
    String mono = async.monoLookup("k3").block();
    if (!"value of mono k3".equals(mono)) {
      failures.add("mono_lookup returned " + mono);
    }
    if (async.countdown(3) != 3) {
      failures.add("countdown returned a wrong value");
    }
    ParallelTools parallel = new ParallelTools();
    parallel.onPool();
    parallel.onCompletableFutures();
    if (Runtime.version().feature() >= 21) {
      parallel.onVirtualThreads();
    }
    followUp("note " + Canary.VALUE);
    return answer;
  }

  @Workflow(name = "follow-up")
  public String followUp(String note) {
    return "noted";
  }
}
