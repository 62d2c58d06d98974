package dev.weft.sample;

/**
 * The verdict of a guardrail.
 *
 * @param tripwireTriggered whether the checked text must not go further
 * @param reason why, in a few words
 */
public record GuardrailResult(boolean tripwireTriggered, String reason) {

  static GuardrailResult pass() {
    return new GuardrailResult(false, "ok");
  }
}
