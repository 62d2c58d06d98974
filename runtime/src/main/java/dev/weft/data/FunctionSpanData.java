package dev.weft.data;

/**
 * A tool call: exported as {@code {"type":"function","name","input","output","mcp_data"}}.
 *
 * @param name the tool name
 * @param input the arguments as JSON text, or null
 * @param output the result as text, or null
 * @param mcpData facts about the MCP server that provided the tool (a rendered value), or null
 */
public record FunctionSpanData(String name, String input, String output, Object mcpData)
    implements SpanData {

  /** Returns tool data with a name and input. */
  public static FunctionSpanData of(String name, String input) {
    return new FunctionSpanData(name, input, null, null);
  }

  /** Returns a copy with the given output. */
  public FunctionSpanData withOutput(String newOutput) {
    return new FunctionSpanData(name, input, newOutput, mcpData);
  }

  @Override
  public String type() {
    return "function";
  }

  @Override
  public String displayName() {
    return name;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return input == null && output == null ? this : new FunctionSpanData(name, null, null, mcpData);
  }
}
