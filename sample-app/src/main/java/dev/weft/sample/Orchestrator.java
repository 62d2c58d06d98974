package dev.weft.sample;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.Sensitive;
import dev.weft.annotations.SpanAttribute;
import dev.weft.annotations.ToolSpan;
import java.util.List;

/**
 * The agent that produces an episode. It uses the keyword agent and the podcast writer as tools,
 * records the script with the {@code write_audio} tool (retrying when the studio is busy), and is
 * surrounded by an input and an output guardrail.
 */
public final class Orchestrator {
  static final String NAME = "Orchestrator";
  private static final String INSTRUCTIONS =
      "You produce podcast episodes with your tools: extract_keywords, write_podcast_script,"
          + " write_audio, notify_listener.";
  private static final int AUDIO_ATTEMPTS = 3;

  private final LanguageModel model;
  private final Guardrails guardrails;
  private final KeywordAgent keywordAgent;
  private final PodcastWriterAgent writer;
  private final AudioStudio studio;

  Orchestrator(
      LanguageModel model,
      Guardrails guardrails,
      KeywordAgent keywordAgent,
      PodcastWriterAgent writer,
      AudioStudio studio) {
    this.model = model.forAgent(NAME);
    this.guardrails = guardrails;
    this.keywordAgent = keywordAgent;
    this.writer = writer;
    this.studio = studio;
  }

  /**
   * Produces an episode on {@code topic} in {@code voice} and tells the listener where it is.
   *
   * @throws GuardrailTripwireException when the topic or the final reply is not allowed
   */
  @AgentSpan(name = NAME)
  public Episode run(String topic, String voice, @Sensitive String listenerEmail) {
    GuardrailResult input = guardrails.topicIsAllowed(topic);
    if (input.tripwireTriggered()) {
      throw new GuardrailTripwireException(Guardrails.TOPIC_IS_ALLOWED, input.reason());
    }
    model.complete(List.of(Message.system(INSTRUCTIONS), Message.user("Plan: " + topic)));
    List<String> keywords = extractKeywords(topic);
    String script = writePodcastScript(topic, keywords);
    int attempts = 0;
    AudioFile audio = null;
    while (audio == null) {
      attempts++;
      try {
        audio = writeAudio(voice, script);
      } catch (AudioStudio.StudioBusyException e) {
        if (attempts == AUDIO_ATTEMPTS) {
          throw e;
        }
      }
    }
    notifyListener(audio.uri(), listenerEmail);
    String reply =
        model
            .complete(
                List.of(
                    Message.system(INSTRUCTIONS),
                    Message.user("Summarise for the listener: recorded " + audio.uri())))
            .content();
    GuardrailResult output = guardrails.noPiiInReply(reply);
    if (output.tripwireTriggered()) {
      throw new GuardrailTripwireException(Guardrails.NO_PII_IN_REPLY, output.reason());
    }
    return new Episode(topic, keywords, script, audio, attempts, reply);
  }

  /** Tool: runs the keyword agent on the topic. */
  @ToolSpan(name = "extract_keywords")
  public List<String> extractKeywords(String topic) {
    return keywordAgent.run(topic);
  }

  /** Tool: runs the podcast writer agent. */
  @ToolSpan(name = "write_podcast_script")
  public String writePodcastScript(String topic, List<String> keywords) {
    return writer.run(topic, keywords);
  }

  /** Tool: records the script in the studio. */
  @ToolSpan(name = "write_audio")
  public AudioFile writeAudio(@SpanAttribute("voice") String voice, String script) {
    return studio.record(voice, script);
  }

  /** Tool: sends the listener a link to the recording. */
  @ToolSpan(name = "notify_listener")
  public String notifyListener(String audioUri, @Sensitive String listenerEmail) {
    // A real service would send an e-mail; the receipt never repeats the address.
    return "notified the listener about " + audioUri;
  }
}
