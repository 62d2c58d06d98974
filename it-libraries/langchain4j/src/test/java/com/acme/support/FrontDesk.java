package com.acme.support;

import dev.langchain4j.service.AiServices;
import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.Workflow;

/**
 * An application that also uses Weft's annotations: a workflow method around an AI service whose
 * interface method is annotated as an agent. {@code java FrontDesk <base url>}.
 */
public class FrontDesk {

  /** The AI service, annotated as the agent it is. */
  public interface Concierge {
    @AgentSpan(name = "Concierge")
    String chat(String message);
  }

  private final Concierge concierge;

  FrontDesk(Concierge concierge) {
    this.concierge = concierge;
  }

  @Workflow(name = "Front desk")
  public String handle(String message) {
    return concierge.chat(message);
  }

  public static void main(String[] args) {
    Concierge concierge =
        AiServices.builder(Concierge.class).chatModel(SupportApp.model(args[0])).build();
    System.out.println(new FrontDesk(concierge).handle("Is the pool open? [no-tools]"));
  }
}
