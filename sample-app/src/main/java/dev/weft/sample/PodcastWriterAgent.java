package dev.weft.sample;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.ToolSpan;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The agent that writes an episode's script: it researches the archive with two tools run in
 * parallel, then drafts the script with one asynchronous model call.
 */
public final class PodcastWriterAgent {
  static final String NAME = "PodcastWriter";
  static final String SEARCH_ARCHIVE = "search_archive";
  static final String LISTENER_QUESTIONS = "fetch_listener_questions";
  private static final String INSTRUCTIONS =
      "You write short two-voice podcast scripts (HOST and GUEST). Use the research notes.";

  private final LanguageModel model;
  private final EpisodeArchive archive;
  private final ExecutorService workers;

  PodcastWriterAgent(LanguageModel model, EpisodeArchive archive, ExecutorService workers) {
    this.model = model.forAgent(NAME);
    this.archive = archive;
    this.workers = workers;
  }

  /** Returns the script of an episode on {@code topic}. */
  @AgentSpan(name = NAME)
  public String run(String topic, List<String> keywords) {
    List<String> tools = archive.listTools();
    // The two research tools do not depend on each other, so they run side by side.
    Future<String> pastEpisodes = workers.submit(() -> searchArchive(keywords));
    Future<String> questions = workers.submit(() -> fetchListenerQuestions(topic));
    String notes = await(pastEpisodes) + "\n" + await(questions);
    String prompt =
        topic
            + "\nKeywords: "
            + String.join(", ", keywords)
            + "\nTools used: "
            + tools
            + "\n"
            + notes;
    try {
      return model
          .completeAsync(List.of(Message.system(INSTRUCTIONS), Message.user(prompt)))
          .thenApply(ModelResponse::content)
          .join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Tool: what earlier episodes said about the keywords. */
  @ToolSpan(name = SEARCH_ARCHIVE)
  public String searchArchive(List<String> keywords) {
    return archive.pastEpisodesAbout(keywords);
  }

  /** Tool: what listeners asked about the topic. */
  @ToolSpan(name = LISTENER_QUESTIONS)
  public String fetchListenerQuestions(String topic) {
    return archive.listenerQuestionsAbout(topic);
  }

  private static String await(Future<String> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while researching", e);
    }
  }
}
