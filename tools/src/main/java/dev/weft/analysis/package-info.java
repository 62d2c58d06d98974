/**
 * Trace analysis: durations, token usage, tool calls, handoffs, errors, slow spans and an estimated
 * cost per trace, computed from finished spans, live through {@link
 * dev.weft.analysis.TraceAnalyzer} or from files through {@link dev.weft.tracefile.TraceFiles}.
 */
package dev.weft.analysis;
