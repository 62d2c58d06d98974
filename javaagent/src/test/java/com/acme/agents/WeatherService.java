package com.acme.agents;

/** Implements an annotated interface method without repeating the annotation. */
public class WeatherService implements WeatherTool {
  @Override
  public String forecast(String city) {
    return "sunny in " + city;
  }
}
