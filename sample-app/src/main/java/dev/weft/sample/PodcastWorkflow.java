package dev.weft.sample;

import dev.weft.annotations.GroupId;
import dev.weft.annotations.Sensitive;
import dev.weft.annotations.TraceMetadata;
import dev.weft.annotations.Workflow;

/**
 * One conversation with the podcast service: produce and publish an episode, then answer the
 * listener's follow-up question through triage. Each call is one trace.
 */
public final class PodcastWorkflow {
  static final String SHOW = "Deep Stack";

  private final ShowCatalog catalog;
  private final Orchestrator orchestrator;
  private final TriageAgent triage;
  private final ListenerSupport support;

  PodcastWorkflow(
      ShowCatalog catalog, Orchestrator orchestrator, TriageAgent triage, ListenerSupport support) {
    this.catalog = catalog;
    this.orchestrator = orchestrator;
    this.triage = triage;
    this.support = support;
  }

  /**
   * Produces an episode on {@code topic} for the listener and answers their follow-up question.
   *
   * @throws GuardrailTripwireException when a guardrail stops the orchestrator
   */
  @Workflow(name = "Podcast workflow")
  public EpisodeReport produce(
      @GroupId String conversationId,
      @TraceMetadata("user_id") String userId,
      String topic,
      @Sensitive String listenerEmail,
      String followUpQuestion) {
    ShowProfile profile = catalog.loadProfile(SHOW);
    Episode episode = orchestrator.run(topic, profile.voice(), listenerEmail);
    String page = catalog.publish(profile.name(), episode.audio());
    String specialist = triage.run(followUpQuestion);
    return new EpisodeReport(
        episode, page, specialist, support.answer(specialist, followUpQuestion));
  }
}
