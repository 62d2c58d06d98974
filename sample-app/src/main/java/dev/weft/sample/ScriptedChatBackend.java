package dev.weft.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An offline model with scripted answers: the same input always gives the same text and the same
 * token counts, and each agent's call takes a fixed, realistic-looking time, so runs are repeatable
 * and their traces comparable.
 */
final class ScriptedChatBackend implements ChatBackend {
  static final String MODEL = "scripted-gpt";

  /** Milliseconds the podcast writer's draft takes, the longest call of the run. */
  static final long DRAFT_LATENCY_MILLIS = 120;

  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public ModelResponse complete(String agent, List<Message> messages) {
    String prompt = messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
    String answer = answer(agent, prompt);
    pause(latencyMillis(agent));
    return new ModelResponse(
        "chatcmpl_scripted_" + calls.incrementAndGet(),
        MODEL,
        answer,
        new TokenUsage(promptTokens(messages), tokens(answer)));
  }

  @Override
  public String describe() {
    return "the scripted offline model (set OPENAI_API_KEY to call a real one)";
  }

  private static String answer(String agent, String prompt) {
    return switch (agent) {
      case KeywordAgent.NAME -> String.join(", ", keywords(prompt));
      case PodcastWriterAgent.NAME ->
          "HOST: Welcome back to Deep Stack. Today: "
              + firstLine(prompt)
              + ".\nGUEST: It started with a small team that wanted one language for every device."
              + "\nHOST: And our listeners asked about it more than anything else this month."
              + "\nGUEST: Let's go through it, from the first prototype to today's releases.";
      case Orchestrator.NAME ->
          prompt.startsWith("Plan")
              ? "1. extract_keywords 2. write_podcast_script 3. write_audio 4. notify_listener"
              : "Your episode is recorded and the listener has been notified.";
      case TriageAgent.NAME ->
          prompt.toLowerCase(Locale.ROOT).contains("transcript")
              ? ListenerSupport.TRANSCRIPTS
              : ListenerSupport.SPONSORSHIP;
      case ListenerSupport.TRANSCRIPTS ->
          "Yes: the full transcript is published with the episode notes within an hour.";
      default -> "Thanks for reaching out; the team will get back to you this week.";
    };
  }

  private static List<String> keywords(String topic) {
    if (topic.toLowerCase(Locale.ROOT).contains("java")) {
      return List.of("Java", "JVM", "Sun Microsystems", "James Gosling", "write once run anywhere");
    }
    List<String> words = new ArrayList<>();
    for (String word : topic.split("[^\\p{L}\\p{N}]+")) {
      if (word.length() > 3 && words.size() < 5) {
        words.add(word);
      }
    }
    return words;
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private static long latencyMillis(String agent) {
    return switch (agent) {
      case PodcastWriterAgent.NAME -> DRAFT_LATENCY_MILLIS;
      case Orchestrator.NAME -> 45;
      case KeywordAgent.NAME -> 30;
      default -> 25;
    };
  }

  private static long promptTokens(List<Message> messages) {
    long total = 0;
    for (Message message : messages) {
      total += 4 + tokens(message.content());
    }
    return total;
  }

  // About four characters a token, as for English text with the usual tokenizers.
  private static long tokens(String text) {
    return (text.length() + 3) / 4;
  }

  private static void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
