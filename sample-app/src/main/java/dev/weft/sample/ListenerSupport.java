package dev.weft.sample;

import dev.weft.annotations.AgentSpan;
import java.util.List;

/** The specialist agents that answer listeners' questions. */
public final class ListenerSupport {
  static final String TRANSCRIPTS = "Transcript specialist";
  static final String SPONSORSHIP = "Sponsorship specialist";

  private final LanguageModel transcriptsModel;
  private final LanguageModel sponsorshipModel;

  ListenerSupport(LanguageModel model) {
    this.transcriptsModel = model.forAgent(TRANSCRIPTS);
    this.sponsorshipModel = model.forAgent(SPONSORSHIP);
  }

  /** Returns {@code specialist}'s answer to {@code question}. */
  public String answer(String specialist, String question) {
    return SPONSORSHIP.equals(specialist)
        ? answerAboutSponsorship(question)
        : answerAboutTranscripts(question);
  }

  /** The specialist for transcripts and show notes. */
  @AgentSpan(name = TRANSCRIPTS)
  public String answerAboutTranscripts(String question) {
    return ask(transcriptsModel, "You answer questions about episode transcripts.", question);
  }

  /** The specialist for sponsors and advertising. */
  @AgentSpan(name = SPONSORSHIP)
  public String answerAboutSponsorship(String question) {
    return ask(sponsorshipModel, "You answer questions about sponsoring the show.", question);
  }

  private static String ask(LanguageModel model, String instructions, String question) {
    return model.complete(List.of(Message.system(instructions), Message.user(question))).content();
  }
}
