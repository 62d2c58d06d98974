package com.acme.travel;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.concurrent.CountDownLatch;

/**
 * An MCP server over stdio with two tools: {@code forecast}, and {@code book_flight}, which always
 * answers with an error result. Started as a process by {@link TravelApp}.
 */
public final class WeatherServer {
  private static final String CITY_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
          + "\"required\":[\"city\"]}";

  private WeatherServer() {}

  public static void main(String[] args) throws Exception {
    McpJsonMapper json = McpJsonDefaults.getMapper();
    Forecasts forecasts = new Forecasts();
    SyncToolSpecification forecast =
        SyncToolSpecification.builder()
            .tool(tool(json, "forecast", "Tells the weather of a city"))
            .callHandler(
                (exchange, request) ->
                    CallToolResult.builder()
                        .addTextContent(forecasts.lookup(city(request.arguments())))
                        .isError(false)
                        .build())
            .build();
    SyncToolSpecification bookFlight =
        SyncToolSpecification.builder()
            .tool(tool(json, "book_flight", "Books a flight to a city"))
            .callHandler(
                (exchange, request) ->
                    CallToolResult.builder()
                        .addTextContent("no seats left to " + city(request.arguments()))
                        .isError(true)
                        .build())
            .build();
    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(json))
            .serverInfo("acme-weather", "1.4.2")
            .capabilities(ServerCapabilities.builder().tools(true).build())
            .tools(forecast, bookFlight)
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    new CountDownLatch(1).await();
  }

  private static Tool tool(McpJsonMapper json, String name, String description) {
    return Tool.builder().name(name).description(description).inputSchema(json, CITY_SCHEMA).build();
  }

  private static String city(java.util.Map<String, Object> arguments) {
    return String.valueOf(arguments.get("city"));
  }
}
