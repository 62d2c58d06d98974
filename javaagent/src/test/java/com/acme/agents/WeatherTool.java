package com.acme.agents;

import dev.weft.annotations.ToolSpan;

/** A tool declared on an interface: implementations trace without annotations of their own. */
public interface WeatherTool {
  @ToolSpan(name = "forecast")
  String forecast(String city);
}
