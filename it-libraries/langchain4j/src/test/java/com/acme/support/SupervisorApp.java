package com.acme.support;

import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.supervisor.SupervisorAgent;

/** A supervisor that picks its sub-agents with the model. {@code java SupervisorApp <url>}. */
public final class SupervisorApp {
  private SupervisorApp() {}

  public static void main(String[] args) {
    StoryAgents.Writer writer =
        AgenticServices.agentBuilder(StoryAgents.Writer.class)
            .chatModel(SupportApp.model(args[0]))
            .outputKey("story")
            .build();
    SupervisorAgent supervisor =
        AgenticServices.supervisorBuilder()
            .name("storyDesk")
            .chatModel(SupportApp.model(args[0]))
            .subAgents(writer)
            .build();
    System.out.println(supervisor.invoke("Tell me a story about owls"));
  }
}
