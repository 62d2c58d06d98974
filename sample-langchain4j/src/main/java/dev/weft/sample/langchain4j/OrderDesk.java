package dev.weft.sample.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.Map;

/** The support desk's tools: an order book and a delivery estimate. */
public class OrderDesk {
  private static final Map<String, String> ORDERS =
      Map.of("1234", "shipped on Monday", "5678", "waiting for stock");

  @Tool("Looks up the status of an order by its number")
  public String orderStatus(@P("the order number") String orderNumber) {
    String status = ORDERS.get(orderNumber);
    return status == null ? "no order " + orderNumber : "order " + orderNumber + " " + status;
  }

  @Tool("Estimates the delivery days to a city")
  public int deliveryDays(@P("the destination city") String city) {
    return city.length() % 5 + 1;
  }
}
