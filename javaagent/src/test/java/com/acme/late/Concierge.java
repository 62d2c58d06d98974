package com.acme.late;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.ToolSpan;

/** An agent with one tool. */
public final class Concierge {
  private Concierge() {}

  @AgentSpan(name = "Concierge")
  public static String plan(String city) {
    return "stay in " + city + ": " + weather(city);
  }

  @ToolSpan(name = "weather")
  static String weather(String city) {
    return city.length() % 2 == 0 ? "sunny" : "cloudy";
  }
}
