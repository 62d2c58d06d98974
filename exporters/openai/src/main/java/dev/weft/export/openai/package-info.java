/**
 * The {@code openai} exporter: sends traces and spans to the OpenAI traces ingest endpoint in the
 * wire format of the OpenAI Agents SDK, so they show in the OpenAI traces dashboard.
 */
package dev.weft.export.openai;
