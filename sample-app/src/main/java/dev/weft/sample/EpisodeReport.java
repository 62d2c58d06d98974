package dev.weft.sample;

/**
 * What one run of the podcast workflow produced.
 *
 * @param episode the produced episode
 * @param pageUrl where it was published
 * @param specialist who answered the listener's follow-up question
 * @param answer the specialist's answer
 */
public record EpisodeReport(Episode episode, String pageUrl, String specialist, String answer) {}
