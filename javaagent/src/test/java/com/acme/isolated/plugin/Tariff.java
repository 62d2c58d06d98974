package com.acme.isolated.plugin;

import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;
import java.util.function.Function;

/** A traced plugin, loaded by a class loader that sees nothing of the application. */
public final class Tariff implements Function<String, String> {
  @Override
  @Workflow(name = "tariff")
  public String apply(String zone) {
    return zone + " costs " + rate(zone);
  }

  @ToolSpan(name = "rate")
  int rate(String zone) {
    return zone.length() * 7;
  }
}
