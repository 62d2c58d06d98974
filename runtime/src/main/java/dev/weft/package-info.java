/**
 * Weft's tracing API: {@link dev.weft.Tracing} starts traces and typed spans, {@link
 * dev.weft.TracingProcessor} receives them as they start and end.
 */
package dev.weft;
