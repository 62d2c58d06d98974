package dev.weft.sample;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.HandoffSpan;
import java.util.List;

/** The agent that reads a listener's question and hands it to the right specialist. */
public final class TriageAgent {
  static final String NAME = "Triage";
  private static final String INSTRUCTIONS =
      "Route the listener's question. Reply with exactly one of: "
          + ListenerSupport.TRANSCRIPTS
          + ", "
          + ListenerSupport.SPONSORSHIP
          + ".";

  private final LanguageModel model;

  TriageAgent(LanguageModel model) {
    this.model = model.forAgent(NAME);
  }

  /** Returns the name of the specialist that takes {@code question}. */
  @AgentSpan(
      name = NAME,
      handoffs = {ListenerSupport.TRANSCRIPTS, ListenerSupport.SPONSORSHIP})
  public String run(String question) {
    String route =
        model.complete(List.of(Message.system(INSTRUCTIONS), Message.user(question))).content();
    return handOff(
        route.contains(ListenerSupport.SPONSORSHIP)
            ? ListenerSupport.SPONSORSHIP
            : ListenerSupport.TRANSCRIPTS);
  }

  /** Passes the conversation to {@code specialist}. */
  @HandoffSpan(from = NAME)
  public String handOff(String specialist) {
    return specialist;
  }
}
