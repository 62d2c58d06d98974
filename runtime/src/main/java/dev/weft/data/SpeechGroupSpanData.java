package dev.weft.data;

/**
 * A group of speech spans: exported as {@code {"type":"speech_group","input"}}.
 *
 * @param input the text spoken by the group, or null
 */
public record SpeechGroupSpanData(String input) implements SpanData {

  @Override
  public String type() {
    return "speech_group";
  }

  @Override
  public String displayName() {
    return "speech_group";
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return input == null ? this : new SpeechGroupSpanData(null);
  }
}
