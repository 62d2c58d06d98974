package dev.weft.sample;

/** Thrown when a guardrail stops an agent: its input or its reply is not allowed. */
public final class GuardrailTripwireException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String guardrail;

  GuardrailTripwireException(String guardrail, String reason) {
    super("guardrail " + guardrail + " tripped: " + reason);
    this.guardrail = guardrail;
  }

  /** Returns the name of the guardrail that tripped. */
  public String guardrail() {
    return guardrail;
  }
}
