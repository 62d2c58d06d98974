package dev.weft.data;

import java.util.Map;

/**
 * Text turned into speech: exported as {@code {"type":"speech","input","output":{"data","format"},
 * "model","model_config","first_content_at"}}.
 *
 * @param input the text, or null
 * @param outputData the audio, base64-encoded, or null
 * @param outputFormat the audio format, or null
 * @param model the model name, or null
 * @param modelConfig model settings, or null
 * @param firstContentAt when the first audio arrived (ISO-8601), or null
 */
public record SpeechSpanData(
    String input,
    String outputData,
    String outputFormat,
    String model,
    Map<String, Object> modelConfig,
    String firstContentAt)
    implements SpanData {

  /** Creates speech data, copying the settings. */
  public SpeechSpanData {
    modelConfig = Copies.map(modelConfig);
  }

  @Override
  public String type() {
    return "speech";
  }

  @Override
  public String displayName() {
    return model == null ? "speech" : model;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return new SpeechSpanData(null, null, outputFormat, model, modelConfig, firstContentAt);
  }
}
