package com.acme.agents;

import com.acme.agents.Models.GuardResult;
import dev.weft.annotations.GuardrailSpan;

/** Input and output checks. */
public class Guardrails {
  @GuardrailSpan(name = "no_profanity")
  public boolean profanity(String text) {
    return text.contains("darn");
  }

  @GuardrailSpan(name = "pii_check")
  public GuardResult pii(String text) {
    return new GuardResult(true, "contains an order number");
  }

  @GuardrailSpan(name = "broken_check")
  public boolean broken(String text) {
    throw new UnsupportedOperationException("checker offline");
  }
}
