package dev.weft.sample;

import dev.weft.annotations.GuardrailSpan;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks around the orchestrator: what it may work on, and what it may say. */
public final class Guardrails {
  static final String TOPIC_IS_ALLOWED = "topic_is_allowed";
  static final String NO_PII_IN_REPLY = "no_pii_in_reply";

  private static final List<String> PERSONAL_DATA_REQUESTS =
      List.of("home address", "phone number", "password", "social security");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");

  /** Input guardrail: the topic must not ask for someone's personal data. */
  @GuardrailSpan(name = TOPIC_IS_ALLOWED)
  public GuardrailResult topicIsAllowed(String topic) {
    String lower = topic.toLowerCase(Locale.ROOT);
    for (String request : PERSONAL_DATA_REQUESTS) {
      if (lower.contains(request)) {
        return new GuardrailResult(true, "the topic asks for personal data (" + request + ")");
      }
    }
    return GuardrailResult.pass();
  }

  /** Output guardrail: the reply must not reveal an e-mail address. */
  @GuardrailSpan(name = NO_PII_IN_REPLY)
  public GuardrailResult noPiiInReply(String reply) {
    return EMAIL.matcher(reply).find()
        ? new GuardrailResult(true, "the reply contains an e-mail address")
        : GuardrailResult.pass();
  }
}
