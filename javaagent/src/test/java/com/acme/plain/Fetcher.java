package com.acme.plain;

/** Traced by a rule without a span type: a custom span. */
public class Fetcher {
  public String fetch(String what) {
    return "fetched " + what;
  }

  public String notNamed() {
    return "not traced";
  }
}
