package com.acme.plain;

/** Unannotated tools: every public method except accessors becomes a tool span by rule. */
public class PlainTools {
  public String search(String query) {
    return "results for " + query;
  }

  public String getName() {
    return "plain tools";
  }
}
