package dev.weft.data;

import java.util.List;

/**
 * The listing of an MCP server's tools: exported as {@code {"type":"mcp_tools","server","result"}}.
 *
 * @param server the server name, or null
 * @param result the tool names, or null
 */
public record McpToolsSpanData(String server, List<String> result) implements SpanData {

  /** Creates the listing, copying the names. */
  public McpToolsSpanData {
    result = Copies.list(result);
  }

  @Override
  public String type() {
    return "mcp_tools";
  }

  @Override
  public String displayName() {
    return server == null ? "mcp_tools" : server;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return this;
  }
}
