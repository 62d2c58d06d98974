package com.acme.support;

import dev.langchain4j.service.AiServices;

/** An assistant with guardrails: one message passes, one trips the input guardrail. */
public final class GuardrailApp {
  private GuardrailApp() {}

  public static void main(String[] args) {
    GuardedAssistant assistant =
        AiServices.builder(GuardedAssistant.class).chatModel(SupportApp.model(args[0])).build();
    System.out.println(assistant.chat("Hello there"));
    try {
      assistant.chat("my password is hunter2");
      System.out.println("not blocked");
    } catch (RuntimeException e) {
      System.out.println("blocked: " + e.getClass().getSimpleName());
    }
  }
}
