/**
 * A podcast-producing multi-agent application, traced only through Weft's annotations.
 *
 * <p>An orchestrator agent uses a keyword agent and a podcast-writer agent as tools, then records
 * the episode; a triage agent hands listener questions to a specialist; guardrails check what goes
 * in and out. The model is scripted and offline unless {@code OPENAI_API_KEY} is set, in which case
 * the same agents call a real chat-completions endpoint. Nothing here calls the tracing API: run it
 * with {@code -javaagent:weft-agent.jar} to see its traces.
 */
package dev.weft.sample;
