package com.acme.support;

import dev.langchain4j.service.guardrail.InputGuardrails;
import dev.langchain4j.service.guardrail.OutputGuardrails;

/** An assistant whose input and output are checked by guardrails. */
public interface GuardedAssistant {
  @InputGuardrails(NoPasswords.class)
  @OutputGuardrails(PoliteAnswers.class)
  String chat(String message);
}
