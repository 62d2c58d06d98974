/**
 * Traces Spring AI 1.1 and 2.0 applications under the java agent with no code change: chat clients,
 * advisors, model calls and tools.
 */
package dev.weft.instrumentation.springai;
