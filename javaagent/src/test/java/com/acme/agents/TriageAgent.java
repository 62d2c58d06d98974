package com.acme.agents;

import com.acme.agents.Models.AgentRef;
import com.acme.agents.Models.McpTool;
import com.acme.agents.Models.Message;
import com.acme.agents.Models.Order;
import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.CustomSpan;
import dev.weft.annotations.HandoffSpan;
import dev.weft.annotations.McpListToolsSpan;
import dev.weft.annotations.TaskSpan;
import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.TurnSpan;
import java.util.List;

/** The first agent a question meets: checks it, looks things up and hands off. */
public class TriageAgent {
  final OrderTools orders = new OrderTools();
  final LanguageModel model = new LanguageModel();
  final Guardrails guardrails = new Guardrails();
  final Voice voice = new Voice();
  final List<String> failures;

  TriageAgent(List<String> failures) {
    this.failures = failures;
  }

  @AgentSpan(
      name = "Triage",
      handoffs = {"Billing", "Refunds"})
  public String run(String question) {
    turn(question);
    turn(question);
    guardrails.profanity(question);
    guardrails.pii(question);
    try {
      guardrails.broken(question);
      failures.add("broken guardrail did not throw");
    } catch (UnsupportedOperationException expected) {
      // The application sees its own exception.
    }
    Order order = orders.lookupOrder("1234", "hunter2");
    if (order != OrderTools.lastOrder) {
      failures.add("lookup_order returned another instance than the method produced");
    }
    orders.storeCard("Ada", "4111 1111 1111 1111 " + Canary.VALUE);
    orders.issueToken("ada");
    orders.cancelOrder("1234");
    orders.quiet("hidden " + Canary.VALUE);
    if (OrderTools.add(2, 3) != 5) {
      failures.add("add returned a wrong value");
    }
    try {
      orders.failingTool(Canary.VALUE);
      failures.add("failing_tool did not throw");
    } catch (IllegalStateException e) {
      if (e != OrderTools.lastFailure) {
        failures.add("failing_tool threw another instance than the method threw");
      }
    }
    orders.helper("  not traced  ");
    model.complete(
        List.of(new Message("system", "You are helpful."), new Message("user", question)), 0.2);
    model.completeText("Summarise " + Canary.VALUE);
    model.respond(question);
    listTools();
    summarise(question, 3);
    plan();
    voice.transcribe(new byte[] {1, 2, 3}, "wav");
    voice.speakAll("Goodbye " + Canary.VALUE);
    handoffToBilling();
    pickSpecialist();
    escalate();
    return "handled: " + order.status();
  }

  @TurnSpan
  public String turn(String input) {
    return "turn done";
  }

  @ToolSpan(name = "weather")
  public String weather(String city) {
    return "rain";
  }

  @McpListToolsSpan(server = "orders-mcp")
  public List<McpTool> listTools() {
    return List.of(
        new McpTool("lookup_order", "find an order"), new McpTool("cancel_order", "cancel it"));
  }

  @CustomSpan(name = "summarise")
  public String summarise(String text, int maxSentences) {
    return "summary of " + text;
  }

  @TaskSpan(name = "plan")
  public String plan() {
    return "plan";
  }

  @HandoffSpan(to = "Billing")
  public void handoffToBilling() {}

  @HandoffSpan
  public AgentRef pickSpecialist() {
    return new AgentRef("Refunds");
  }

  @HandoffSpan(from = "Supervisor")
  public String escalate() {
    return "Escalation";
  }
}
