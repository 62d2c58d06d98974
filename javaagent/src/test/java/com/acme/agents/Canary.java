package com.acme.agents;

/** A string the application puts in every captured value, to find out whether any leaked. */
public final class Canary {
  public static final String VALUE = "CANARY-7f3a9c";

  private Canary() {}
}
