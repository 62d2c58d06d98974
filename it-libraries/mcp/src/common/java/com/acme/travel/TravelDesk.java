package com.acme.travel;

import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.function.Function;

/** The application's own tool, which asks the MCP server's {@code forecast} tool. */
public final class TravelDesk {
  private final Function<CallToolRequest, CallToolResult> mcp;

  public TravelDesk(Function<CallToolRequest, CallToolResult> mcp) {
    this.mcp = mcp;
  }

  /** Returns the weather at the destination. */
  public String checkWeather(String city) {
    CallToolResult result =
        mcp.apply(
            new CallToolRequest("forecast", Map.of("city", city), Map.of("requested-by", "desk")));
    return TravelApp.text(result);
  }
}
