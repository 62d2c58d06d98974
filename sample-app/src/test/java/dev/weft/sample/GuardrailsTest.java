package dev.weft.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuardrailsTest {
  private final Guardrails guardrails = new Guardrails();

  @Test
  void topicIsAllowed_whenTopicAsksForPersonalData_tripsWithTheReason() {
    GuardrailResult result = guardrails.topicIsAllowed("The HOME ADDRESS of our guest");

    assertThat(result.tripwireTriggered()).isTrue();
    assertThat(result.reason()).contains("home address");
  }

  @Test
  void topicIsAllowed_whenTopicIsAboutSoftware_passes() {
    assertThat(guardrails.topicIsAllowed("How garbage collectors work").tripwireTriggered())
        .isFalse();
  }

  @Test
  void noPiiInReply_whenReplyContainsAnEmailAddress_trips() {
    assertThat(guardrails.noPiiInReply("Sent to ada@example.com").tripwireTriggered()).isTrue();
    assertThat(guardrails.noPiiInReply("Sent to the listener.").tripwireTriggered()).isFalse();
  }
}
