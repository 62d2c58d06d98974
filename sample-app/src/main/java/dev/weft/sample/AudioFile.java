package dev.weft.sample;

/**
 * A recorded episode.
 *
 * @param uri where the audio is stored
 * @param seconds its length
 */
public record AudioFile(String uri, long seconds) {}
