package com.acme.agents;

/** Implements a generic annotated interface (the compiler adds a bridge method). */
public class UpperCaseTool implements Tool<String, String> {
  @Override
  public String call(String input) {
    return input.toUpperCase(java.util.Locale.ROOT);
  }
}
