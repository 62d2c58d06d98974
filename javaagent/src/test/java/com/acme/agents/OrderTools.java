package com.acme.agents;

import com.acme.agents.Models.Order;
import dev.weft.annotations.Sensitive;
import dev.weft.annotations.SpanAttribute;
import dev.weft.annotations.ToolSpan;
import java.util.List;

/** Tools about orders. */
public class OrderTools {
  /** The order the last lookup returned, to check the caller got the very same instance. */
  public static volatile Order lastOrder;

  /** The exception the failing tool threw, to check the caller got the very same instance. */
  public static volatile IllegalStateException lastFailure;

  @ToolSpan(name = "lookup_order")
  public Order lookupOrder(@SpanAttribute("order.id") String orderId, String password) {
    Order order = new Order(orderId, "shipped " + Canary.VALUE, List.of("book", "lamp"));
    lastOrder = order;
    return order;
  }

  @ToolSpan(name = "store_card")
  public String storeCard(String holder, @Sensitive String cardNumber) {
    return "stored for " + holder;
  }

  @ToolSpan(name = "issue_token")
  @Sensitive
  public String issueToken(String user) {
    return "tok-" + Canary.VALUE;
  }

  @ToolSpan(name = "cancel_order")
  public void cancelOrder(String orderId) {
    if (orderId.isEmpty()) {
      throw new IllegalArgumentException("no order");
    }
  }

  @ToolSpan(name = "failing_tool")
  public String failingTool(String input) {
    IllegalStateException failure = new IllegalStateException("boom " + input);
    lastFailure = failure;
    throw failure;
  }

  @ToolSpan(captureArguments = false, captureResult = false)
  public String quiet(String secretish) {
    return "quiet " + secretish;
  }

  @ToolSpan
  public static int add(int a, int b) {
    return a + b;
  }

  @ToolSpan
  public String ping() {
    return "pong";
  }

  /** Not annotated: never a span. */
  public String helper(String input) {
    return input.trim();
  }
}
