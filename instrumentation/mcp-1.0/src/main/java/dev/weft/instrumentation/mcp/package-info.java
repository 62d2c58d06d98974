/**
 * Traces MCP Java SDK (1.x and 2.x) clients and servers under the java agent with no code change:
 * tool listings and tool calls, with the trace context carried to the server.
 */
package dev.weft.instrumentation.mcp;
