package dev.weft.sample;

/**
 * The answer of one model call.
 *
 * @param id the completion id given by the model service
 * @param model the model that answered
 * @param content the assistant's text
 * @param usage the tokens the call consumed
 */
public record ModelResponse(String id, String model, String content, TokenUsage usage) {}
