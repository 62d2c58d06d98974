package com.acme.plain;

/** Implements a type named by a rule. */
public class CheckStep implements Step {
  @Override
  public String perform(String input) {
    return "checked " + input;
  }
}
