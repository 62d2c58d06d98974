package dev.weft.instrumentation.mcp;

import dev.weft.instrumentation.api.Hook;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.api.LibraryVersions;
import java.util.List;

/** Weft MCP Java SDK instrumentation. */
public final class McpInstrumentation implements LibraryInstrumentation {

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
    return List.of();
  }
}
