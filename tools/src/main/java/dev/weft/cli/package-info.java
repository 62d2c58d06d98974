/**
 * The command line of {@code weft-agent.jar} ({@code java -jar weft-agent.jar <command>}):
 * summaries of trace files, a standalone viewer page, a local web server over a trace folder,
 * attaching to a running JVM, and the version.
 */
package dev.weft.cli;
