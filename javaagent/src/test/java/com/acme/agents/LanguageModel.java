package com.acme.agents;

import com.acme.agents.Models.Completion;
import com.acme.agents.Models.LegacyUsage;
import com.acme.agents.Models.Message;
import com.acme.agents.Models.ModelResponse;
import com.acme.agents.Models.TokenUsage;
import dev.weft.annotations.GenerationSpan;
import dev.weft.annotations.ResponseSpan;
import java.util.List;

/** A stand-in for a chat model. */
public class LanguageModel {
  @GenerationSpan(model = "gpt-test")
  public Completion complete(List<Message> messages, double temperature) {
    return new Completion(
        "Your order ships today " + Canary.VALUE, new TokenUsage(12, 5), "gpt-test-2026");
  }

  @GenerationSpan
  public String completeText(String prompt) {
    return "short answer";
  }

  @ResponseSpan
  public ModelResponse respond(String input) {
    return new ModelResponse("resp_123", new LegacyUsage());
  }
}
