/**
 * The command line of {@code weft-agent.jar}: summaries of trace files, a standalone viewer page,
 * and a local web server over a trace folder.
 */
package dev.weft.cli;
