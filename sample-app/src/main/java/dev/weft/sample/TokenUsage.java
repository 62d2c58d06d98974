package dev.weft.sample;

/**
 * The tokens one model call consumed, as the chat-completions API reports them.
 *
 * @param inputTokens tokens of the prompt
 * @param outputTokens tokens of the completion
 */
public record TokenUsage(long inputTokens, long outputTokens) {}
