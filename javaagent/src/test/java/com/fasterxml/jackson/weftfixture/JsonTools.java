package com.fasterxml.jackson.weftfixture;

import dev.weft.annotations.ToolSpan;

/** An annotated tool in a package of the Jackson library, which the agent does not weave. */
public final class JsonTools {
  private JsonTools() {}

  @ToolSpan(name = "parse")
  public static String parse(String text) {
    return "parsed " + text;
  }
}
