package com.acme.travel;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/** The desk's tools, offered to the model. */
@Component
public class TravelTools {

  @Tool(description = "Current weather in a city")
  public String weather(@ToolParam(description = "the city") String city) {
    return "Sunny and 21 degrees in " + city;
  }

  @Tool(description = "Free seats on the next flight to a city")
  public int freeSeats(@ToolParam(description = "the city") String city) {
    return city.length();
  }
}
