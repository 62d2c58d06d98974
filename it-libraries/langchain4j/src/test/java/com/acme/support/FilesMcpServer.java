package com.acme.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A small MCP server over stdio (newline-delimited JSON-RPC) with one tool, {@code read_file}, that
 * answers from a fixed set of files. Started as a process by the application's MCP client.
 */
public final class FilesMcpServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FilesMcpServer() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode request = JSON.readTree(line);
      if (!request.has("id")) {
        continue; // a notification
      }
      ObjectNode response = JSON.createObjectNode();
      response.put("jsonrpc", "2.0");
      response.set("id", request.get("id"));
      ObjectNode result = response.putObject("result");
      switch (request.path("method").asText()) {
        case "initialize" -> {
          result.put("protocolVersion", request.at("/params/protocolVersion").asText("2024-11-05"));
          result.putObject("capabilities").putObject("tools");
          result.putObject("serverInfo").put("name", "acme-files").put("version", "1.0");
        }
        case "tools/list" -> {
          ObjectNode tool = result.putArray("tools").addObject();
          tool.put("name", "read_file");
          tool.put("description", "Reads a file of the shared folder");
          ObjectNode schema = tool.putObject("inputSchema");
          schema.put("type", "object");
          schema.putObject("properties").putObject("path").put("type", "string");
          schema.putArray("required").add("path");
        }
        case "tools/call" -> {
          String path = request.at("/params/arguments/path").asText();
          result
              .putArray("content")
              .addObject()
              .put("type", "text")
              .put("text", "contents of " + path + ": remember the milk");
          result.put("isError", false);
        }
        default -> {
          // ping and anything else: an empty result
        }
      }
      out.println(JSON.writeValueAsString(response));
    }
  }
}
