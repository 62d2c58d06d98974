/**
 * The java agent: premain and agentmain, the class transformers that weave span methods and carry
 * the trace context into JDK executors, and the advice they weave.
 */
package dev.weft.agent;
