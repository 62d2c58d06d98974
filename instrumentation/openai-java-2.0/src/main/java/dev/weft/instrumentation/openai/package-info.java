/**
 * Traces applications that call the official OpenAI Java SDK (2.x to 4.x) under the java agent with
 * no code change: chat completions and the Responses API.
 */
package dev.weft.instrumentation.openai;
