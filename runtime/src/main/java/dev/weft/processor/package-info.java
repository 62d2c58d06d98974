/**
 * Processors that pass traces and spans to exporters: synchronously, or batched on a background
 * thread with a bounded queue.
 */
package dev.weft.processor;
