package com.acme.hostile.plugin;

import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;
import java.util.function.Function;

/**
 * A plugin loaded again and again by class loaders of its own: a workflow calling tools whose
 * arguments are the plugin's own record and its own class with a {@code toString()}.
 */
public final class ChurnPlugin implements Function<String, String> {

  /** An order, rendered by its components. */
  public record Order(String id, int quantity) {}

  /** A ticket, rendered by its {@code toString()}. */
  public static final class Ticket {
    private final String id;

    Ticket(String id) {
      this.id = id;
    }

    @Override
    public String toString() {
      return "Ticket " + id;
    }
  }

  @Override
  @Workflow(name = "plugin")
  public String apply(String id) {
    return place(new Order(id, 2)) + " " + open(new Ticket(id));
  }

  @ToolSpan(name = "place")
  String place(Order order) {
    return "placed " + order.id();
  }

  @ToolSpan(name = "open")
  String open(Ticket ticket) {
    return "opened " + ticket;
  }
}
