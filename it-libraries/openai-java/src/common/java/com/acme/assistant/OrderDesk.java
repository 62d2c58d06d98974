package com.acme.assistant;

/** The application's one tool: looks an order up by the arguments the model sent. */
final class OrderDesk {
  private OrderDesk() {}

  /** Answers {@code {"orderId": "<id>"}} with where the order is. */
  static String lookupOrder(String arguments) {
    String id = arguments.replaceAll("[^0-9]", "");
    return "order " + (id.isEmpty() ? "unknown" : id) + " shipped yesterday";
  }
}
