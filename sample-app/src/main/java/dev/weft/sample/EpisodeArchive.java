package dev.weft.sample;

import dev.weft.annotations.McpListToolsSpan;
import java.util.List;
import java.util.Locale;

/** The podcast's archive, offered to agents as an MCP server with research tools. */
public final class EpisodeArchive {
  static final String SERVER = "episode-archive";

  /** Returns the names of the tools the archive's MCP server offers. */
  @McpListToolsSpan(server = SERVER)
  public List<String> listTools() {
    return List.of(PodcastWriterAgent.SEARCH_ARCHIVE, PodcastWriterAgent.LISTENER_QUESTIONS);
  }

  String pastEpisodesAbout(List<String> keywords) {
    String first = keywords.isEmpty() ? "software" : keywords.get(0);
    return "Episode 12 touched on " + first + "; episode 31 interviewed a compiler engineer.";
  }

  String listenerQuestionsAbout(String topic) {
    return "Listeners asked: why did " + topic.toLowerCase(Locale.ROOT) + " take off?";
  }
}
