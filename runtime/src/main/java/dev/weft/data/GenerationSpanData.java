package dev.weft.data;

import java.util.List;
import java.util.Map;

/**
 * A model call: exported as {@code
 * {"type":"generation","input","output","model","model_config","usage"}}.
 *
 * @param input the input messages (rendered values, usually maps with {@code role} and {@code
 *     content}), or null
 * @param output the output messages, or null
 * @param model the model name, or null
 * @param modelConfig settings such as temperature, or null
 * @param usage token usage, or null
 */
public record GenerationSpanData(
    List<Object> input,
    List<Object> output,
    String model,
    Map<String, Object> modelConfig,
    Usage usage)
    implements SpanData {

  /** Creates generation data, copying the collections. */
  public GenerationSpanData {
    input = Copies.list(input);
    output = Copies.list(output);
    modelConfig = Copies.map(modelConfig);
  }

  /** Returns generation data for a model with the given input. */
  public static GenerationSpanData of(String model, List<Object> input) {
    return new GenerationSpanData(input, null, model, null, null);
  }

  /** Returns a copy with the given output. */
  public GenerationSpanData withOutput(List<Object> newOutput) {
    return new GenerationSpanData(input, newOutput, model, modelConfig, usage);
  }

  /** Returns a copy with the given usage. */
  @Override
  public GenerationSpanData withUsage(Usage newUsage) {
    return new GenerationSpanData(input, output, model, modelConfig, newUsage);
  }

  @Override
  public String type() {
    return "generation";
  }

  @Override
  public String displayName() {
    return model == null ? "generation" : model;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return input == null && output == null
        ? this
        : new GenerationSpanData(null, null, model, modelConfig, usage);
  }
}
