package com.acme.travel;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Plans a trip with the tools of {@link WeatherServer}, which it starts over stdio: lists the tools,
 * calls both, then asks {@link TravelDesk}. {@code java TravelApp sync|async [server JVM option…]}.
 */
public final class TravelApp {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TravelApp() {}

  public static void main(String[] args) {
    List<String> serverCommand = new ArrayList<>(List.of(args).subList(1, args.length));
    serverCommand.addAll(
        List.of("-cp", System.getProperty("java.class.path"), WeatherServer.class.getName()));
    ServerParameters server =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args(serverCommand)
            .build();
    StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
    if (args[0].equals("async")) {
      runAsync(McpClient.async(transport).requestTimeout(TIMEOUT).build());
    } else {
      runSync(McpClient.sync(transport).requestTimeout(TIMEOUT).build());
    }
  }

  private static void runSync(McpSyncClient client) {
    try {
      client.initialize();
      print(client.listTools());
      print("forecast", client.callTool(request("forecast", "Lisbon")));
      print("book_flight", client.callTool(request("book_flight", "Lisbon")));
      System.out.println("desk: " + new TravelDesk(client::callTool).checkWeather("Porto"));
    } finally {
      client.closeGracefully();
    }
  }

  private static void runAsync(McpAsyncClient client) {
    try {
      client
          .initialize()
          .then(Mono.defer(client::listTools))
          .doOnNext(TravelApp::print)
          .then(Mono.defer(() -> client.callTool(request("forecast", "Lisbon"))))
          .doOnNext(result -> print("forecast", result))
          .then(Mono.defer(() -> client.callTool(request("book_flight", "Lisbon"))))
          .doOnNext(result -> print("book_flight", result))
          .block(TIMEOUT);
      TravelDesk desk = new TravelDesk(request -> client.callTool(request).block(TIMEOUT));
      System.out.println("desk: " + desk.checkWeather("Porto"));
    } finally {
      client.closeGracefully().block(TIMEOUT);
    }
  }

  private static CallToolRequest request(String tool, String city) {
    return new CallToolRequest(tool, Map.of("city", city));
  }

  private static void print(ListToolsResult tools) {
    System.out.println(
        "tools: " + tools.tools().stream().map(Tool::name).collect(Collectors.joining(", ")));
  }

  private static void print(String tool, CallToolResult result) {
    System.out.println(
        tool + (Boolean.TRUE.equals(result.isError()) ? " failed: " : ": ") + text(result));
  }

  static String text(CallToolResult result) {
    return result.content().stream()
        .map(TravelApp::text)
        .collect(Collectors.joining(" "));
  }

  private static String text(Content content) {
    return content instanceof TextContent text ? text.text() : content.type();
  }
}
