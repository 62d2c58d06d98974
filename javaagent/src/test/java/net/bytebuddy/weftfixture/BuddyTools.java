package net.bytebuddy.weftfixture;

import dev.weft.annotations.ToolSpan;

/** An annotated tool in a package of Byte Buddy, which the agent does not weave. */
public final class BuddyTools {
  private BuddyTools() {}

  @ToolSpan(name = "make")
  public static String make(String text) {
    return "made " + text;
  }
}
