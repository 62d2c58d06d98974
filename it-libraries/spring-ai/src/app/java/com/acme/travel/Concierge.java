package com.acme.travel;

import dev.weft.annotations.AgentSpan;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Component;

/** The one part of the desk its developers marked for tracing themselves: a concierge agent. */
@Component
public class Concierge {
  private final ChatClient client;

  Concierge(ChatClient.Builder builder) {
    this.client = builder.build();
  }

  @AgentSpan(name = "concierge")
  public String welcome(String guest) {
    return client.prompt().user("Welcome our guest " + guest).call().content();
  }
}
