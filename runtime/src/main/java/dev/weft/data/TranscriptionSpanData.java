package dev.weft.data;

import java.util.Map;

/**
 * Speech turned into text: exported as {@code {"type":"transcription","input":{"data","format"},
 * "output","model","model_config"}}.
 *
 * @param inputData the audio, base64-encoded, or null
 * @param inputFormat the audio format, for example {@code pcm}, or null
 * @param output the text, or null
 * @param model the model name, or null
 * @param modelConfig model settings, or null
 */
public record TranscriptionSpanData(
    String inputData,
    String inputFormat,
    String output,
    String model,
    Map<String, Object> modelConfig)
    implements SpanData {

  /** Creates transcription data, copying the settings. */
  public TranscriptionSpanData {
    modelConfig = Copies.map(modelConfig);
  }

  @Override
  public String type() {
    return "transcription";
  }

  @Override
  public String displayName() {
    return model == null ? "transcription" : model;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return new TranscriptionSpanData(null, inputFormat, null, model, modelConfig);
  }
}
