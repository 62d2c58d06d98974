package com.acme.support;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** The tools of the support assistant: plain methods LangChain4j calls when the model asks. */
public class OrderTools {

  @Tool("Looks up the delivery status of an order")
  public String lookupOrder(@P("the order number") String orderId) {
    return "order " + orderId + " shipped yesterday";
  }

  @Tool("Tells the weather in a city")
  public String weather(@P("the city") String city) {
    if (city.isEmpty()) {
      throw new IllegalArgumentException("no city given");
    }
    return "sunny in " + city;
  }
}
