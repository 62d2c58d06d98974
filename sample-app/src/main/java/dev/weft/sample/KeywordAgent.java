package dev.weft.sample;

import dev.weft.annotations.AgentSpan;
import java.util.ArrayList;
import java.util.List;

/** The agent that turns a topic into search keywords. */
public final class KeywordAgent {
  static final String NAME = "KeywordAgent";
  private static final String INSTRUCTIONS =
      "Extract 3-5 search keywords from the topic. Reply with a comma separated list.";

  private final LanguageModel model;

  KeywordAgent(LanguageModel model) {
    this.model = model.forAgent(NAME);
  }

  /** Returns the keywords of {@code topic}. */
  @AgentSpan(name = NAME)
  public List<String> run(String topic) {
    String answer =
        model.complete(List.of(Message.system(INSTRUCTIONS), Message.user(topic))).content();
    List<String> keywords = new ArrayList<>();
    for (String keyword : answer.split("[,\\n]")) {
      String trimmed = keyword.strip();
      if (!trimmed.isEmpty()) {
        keywords.add(trimmed);
      }
    }
    return keywords;
  }
}
