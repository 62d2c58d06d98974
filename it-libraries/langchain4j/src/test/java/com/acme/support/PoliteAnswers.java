package com.acme.support;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;

/** Lets only answers through that do not shout. */
public class PoliteAnswers implements OutputGuardrail {
  @Override
  public OutputGuardrailResult validate(AiMessage message) {
    return message.text() != null && message.text().contains("!!!")
        ? fatal("the answer shouts")
        : success();
  }
}
