package com.acme.support;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;

/** Refuses messages that carry a password. */
public class NoPasswords implements InputGuardrail {
  @Override
  public InputGuardrailResult validate(UserMessage message) {
    return message.singleText().contains("password")
        ? failure("the message carries a password")
        : success();
  }
}
