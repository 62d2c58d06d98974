/**
 * The annotations that turn methods into typed spans of a Weft trace.
 *
 * <p>Each span annotation matches one span type of the OpenAI Agents SDK tracing model. A method
 * carrying one becomes a span when the application runs under the Weft java agent or is woven with
 * the Weft aspect.
 */
package dev.weft.annotations;
