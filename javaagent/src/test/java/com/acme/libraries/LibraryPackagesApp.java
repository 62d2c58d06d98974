package com.acme.libraries;

import com.fasterxml.jackson.weftfixture.JsonTools;
import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.ToolSpan;
import net.bytebuddy.weftfixture.BuddyTools;

/**
 * Calls three annotated tools: one of its own, and two whose classes lie in packages of libraries
 * the agent never weaves (Jackson's and Byte Buddy's).
 */
public final class LibraryPackagesApp {
  private LibraryPackagesApp() {}

  public static void main(String[] args) {
    System.out.println("libraries done: " + new LibraryPackagesApp().run("tides"));
  }

  @AgentSpan(name = "Librarian")
  String run(String topic) {
    return lookup(topic) + ", " + JsonTools.parse(topic) + ", " + BuddyTools.make(topic);
  }

  @ToolSpan(name = "lookup")
  static String lookup(String topic) {
    return "found " + topic;
  }
}
