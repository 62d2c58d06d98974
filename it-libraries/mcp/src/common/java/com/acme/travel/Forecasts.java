package com.acme.travel;

/** The weather service behind the {@code forecast} tool. */
public final class Forecasts {
  /** Returns the forecast for a city. */
  public String lookup(String city) {
    return "sunny in " + city;
  }
}
