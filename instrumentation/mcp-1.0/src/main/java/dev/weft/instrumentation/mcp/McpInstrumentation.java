package dev.weft.instrumentation.mcp;

import dev.weft.instrumentation.api.Hook;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.api.LibraryVersions;
import java.util.List;

/**
 * The MCP Java SDK ({@code io.modelcontextprotocol.sdk}, 1.x and 2.x): a client's tool listings
 * become {@code mcp_tools} spans and its tool calls {@code function} spans with {@code mcp_data},
 * the call's {@code traceparent} travelling in the request's {@code _meta}; a server's handling of
 * {@code tools/call} becomes a {@code function} span that continues the caller's trace. The sync
 * client and server run on the async ones, so hooking those covers both. Supported from 1.0.0 up to
 * (not including) 3.0.0.
 */
public final class McpInstrumentation implements LibraryInstrumentation {
  private static final String CLIENT = "io.modelcontextprotocol.client.McpAsyncClient";
  private static final String SERVER = "io.modelcontextprotocol.server.McpAsyncServer";
  private static final String ASYNC_TOOL =
      "io.modelcontextprotocol.server.McpServerFeatures$AsyncToolSpecification";
  private static final String SYNC_TOOL =
      "io.modelcontextprotocol.server.McpServerFeatures$SyncToolSpecification";
  private static final String CALL_TOOL_REQUEST =
      "io.modelcontextprotocol.spec.McpSchema$CallToolRequest";

  /** Creates the instrumentation. */
  public McpInstrumentation() {}

  @Override
  public String name() {
    return "mcp";
  }

  @Override
  public LibraryVersions versions() {
    return new LibraryVersions(
        "io.modelcontextprotocol.spec.McpSchema",
        "META-INF/maven/io.modelcontextprotocol.sdk/mcp-core/pom.properties",
        "1.0.0",
        "3.0.0");
  }

  @Override
  public List<Hook> hooks() {
    return List.of(
        // Client: the sync client blocks on these, so each call is one span either way.
        Hook.method(CLIENT, "listTools", List.of(), Advice.ListAllTools.class),
        Hook.method(CLIENT, "listTools", List.of("java.lang.String"), Advice.ListToolsPage.class),
        Hook.method(
            CLIENT,
            "listTools",
            List.of("java.lang.String", "java.util.Map"),
            Advice.ListToolsPage.class),
        Hook.method(CLIENT, "callTool", List.of(CALL_TOOL_REQUEST), Advice.CallTool.class),
        // Server: the tools/call handler, and sync tools, which run on another thread.
        Hook.method(SERVER, "toolsCallRequestHandler", List.of(), Advice.ToolsCallHandler.class),
        Hook.method(ASYNC_TOOL, "fromSync", List.of(SYNC_TOOL, "boolean"), Advice.SyncTool.class));
  }
}
