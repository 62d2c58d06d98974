package com.acme.cds;

import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;

/** A small application whose classes an application class-data archive can hold. */
public final class ReceiptDesk {
  private ReceiptDesk() {}

  public static void main(String[] args) {
    System.out.println(issue("order-7"));
  }

  @Workflow(name = "receipt desk")
  static String issue(String order) {
    return Receipt.of(order, price(order)).text();
  }

  @ToolSpan(name = "price")
  static int price(String order) {
    return order.length() * 3;
  }

  /** A class with no spans: nothing to weave, so the archive's copy can be used as it is. */
  record Receipt(String order, int amount) {
    static Receipt of(String order, int amount) {
      return new Receipt(order, amount);
    }

    String text() {
      return order + ": " + amount;
    }
  }
}
