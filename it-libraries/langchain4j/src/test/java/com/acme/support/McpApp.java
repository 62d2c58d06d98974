package com.acme.support;

import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.service.AiServices;
import java.nio.file.Path;
import java.util.List;

/** An assistant whose tools come from an MCP server over stdio. {@code java McpApp <url>}. */
public final class McpApp {
  private McpApp() {}

  public static void main(String[] args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StdioMcpTransport transport =
        new StdioMcpTransport.Builder()
            .command(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    FilesMcpServer.class.getName()))
            .logEvents(false)
            .build();
    try (McpClient client =
        new DefaultMcpClient.Builder().key("files").transport(transport).build()) {
      Assistant assistant =
          AiServices.builder(Assistant.class)
              .chatModel(SupportApp.model(args[0]))
              .toolProvider(McpToolProvider.builder().mcpClients(client).build())
              .build();
      System.out.println(assistant.chat("What is in notes.txt?"));
    }
  }
}
