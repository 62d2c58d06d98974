package com.acme.desk;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.GuardrailSpan;
import dev.weft.annotations.HandoffSpan;
import dev.weft.annotations.Sensitive;
import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;

/** A small support desk traced through its annotations by the agent. */
public class SupportDesk {

  @Workflow(name = "Support desk")
  public String handle(String question, @Sensitive String customerEmail) {
    if (containsPassword(question)) {
      return "refused";
    }
    return triage(question);
  }

  /** Trips (returns true) when the question carries a password. */
  @GuardrailSpan(name = "no_passwords")
  boolean containsPassword(String question) {
    return question.contains("password");
  }

  @AgentSpan(name = "Triage")
  String triage(String question) {
    String order = lookupOrder(question.replaceAll("\\D", ""));
    if (question.contains("refund")) {
      return billing(handOff(), order);
    }
    return order;
  }

  @ToolSpan(name = "lookup_order")
  String lookupOrder(String orderId) {
    return "order " + orderId + " shipped";
  }

  @HandoffSpan(from = "Triage", to = "Billing")
  String handOff() {
    return "Billing";
  }

  @AgentSpan(name = "Billing")
  String billing(String agent, String order) {
    return agent + " refunds " + order;
  }
}
