package dev.weft.sample;

import java.util.List;

/**
 * What the orchestrator produced for one topic.
 *
 * @param topic the episode's topic
 * @param keywords the keywords the script was researched with
 * @param script the script
 * @param audio the recording
 * @param audioAttempts how many times the recording was attempted
 * @param reply the orchestrator's final message
 */
public record Episode(
    String topic,
    List<String> keywords,
    String script,
    AudioFile audio,
    int audioAttempts,
    String reply) {}
