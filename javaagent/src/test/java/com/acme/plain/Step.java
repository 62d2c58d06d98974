package com.acme.plain;

/** A step type named by a rule: its implementations are traced. */
public interface Step {
  String perform(String input);
}
