/** The command line of {@code weft-agent.jar} ({@code java -jar weft-agent.jar <command>}). */
package dev.weft.cli;
