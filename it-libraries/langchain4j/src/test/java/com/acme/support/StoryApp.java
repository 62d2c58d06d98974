package com.acme.support;

import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A langchain4j-agentic application that knows nothing of Weft: sequential, parallel, loop and
 * conditional workflows of AI agents. {@code java StoryApp <base url>}.
 */
public final class StoryApp {
  private StoryApp() {}

  public static void main(String[] args) {
    ChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(args[0])
            .apiKey("test-key")
            .modelName("gpt-4.1-mini")
            .maxRetries(0)
            .build();
    StoryAgents.Writer writer =
        AgenticServices.agentBuilder(StoryAgents.Writer.class)
            .chatModel(model)
            .outputKey("story")
            .build();
    StoryAgents.Editor editor =
        AgenticServices.agentBuilder(StoryAgents.Editor.class)
            .chatModel(model)
            .outputKey("story")
            .build();
    StoryAgents.Critic critic =
        AgenticServices.agentBuilder(StoryAgents.Critic.class)
            .chatModel(model)
            .outputKey("review")
            .build();

    UntypedAgent sequence =
        AgenticServices.sequenceBuilder()
            .name("storyline")
            .subAgents(writer, editor)
            .outputKey("story")
            .build();
    System.out.println(sequence.invoke(Map.of("topic", "dragons", "audience", "children")));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    UntypedAgent parallel =
        AgenticServices.parallelBuilder()
            .name("storyAndReview")
            .subAgents(writer, critic)
            .executor(pool)
            .outputKey("review")
            .build();
    System.out.println(parallel.invoke(Map.of("topic", "robots")));
    pool.shutdown();

    UntypedAgent loop =
        AgenticServices.loopBuilder()
            .name("polish")
            .subAgents(editor)
            .maxIterations(2)
            .exitCondition(scope -> false)
            .outputKey("story")
            .build();
    System.out.println(loop.invoke(Map.of("story", "Once upon a time", "audience", "adults")));

    UntypedAgent conditional =
        AgenticServices.conditionalBuilder()
            .name("onlyCritic")
            .subAgents(scope -> scope.readState("topic", "").equals("ships"), critic)
            .subAgents(scope -> false, writer)
            .outputKey("review")
            .build();
    System.out.println(conditional.invoke(Map.of("topic", "ships")));
  }
}
