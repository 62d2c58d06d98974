package com.acme.support;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/** The agents of the story workflows: LangChain4j implements each. */
public final class StoryAgents {
  private StoryAgents() {}

  public interface Writer {
    @UserMessage("Write a two-line story about {{topic}}.")
    @Agent(description = "Writes a short story", outputKey = "story")
    String write(@V("topic") String topic);
  }

  public interface Editor {
    @UserMessage("Edit this story for {{audience}}: {{story}}")
    @Agent(description = "Edits a story for an audience", outputKey = "story")
    String edit(@V("story") String story, @V("audience") String audience);
  }

  public interface Critic {
    @UserMessage("Review the idea of a story about {{topic}}.")
    @Agent(description = "Reviews a story idea", outputKey = "review")
    String review(@V("topic") String topic);
  }
}
