package dev.weft.instrumentation.springai;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.Usage;
import dev.weft.instrumentation.api.Captured;
import dev.weft.instrumentation.api.Reflect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Spring AI's prompts, options and responses through their public accessors, into the shapes
 * of Weft's span data: messages as role and content (tool calls and tool results as the OpenAI chat
 * format writes them), options as {@code model_config}, usage as token counts.
 */
final class SpringAiValues {
  private SpringAiValues() {}

  /** Returns the generation data of a request: model, messages (when recorded) and options. */
  static GenerationSpanData generation(Object model, Object prompt) {
    Object options = Reflect.call(prompt, "getOptions");
    Object defaults = Reflect.call(model, "getDefaultOptions");
    String modelName = nonBlank(Reflect.text(options, "getModel"));
    if (modelName == null) {
      modelName = nonBlank(Reflect.text(defaults, "getModel"));
    }
    List<Object> input = new ArrayList<>();
    if (Tracing.includeSensitiveData()
        && Reflect.call(prompt, "getInstructions") instanceof List<?> messages) {
      for (Object message : messages) {
        input.add(message(message));
      }
    }
    return new GenerationSpanData(
        input, List.of(), modelName, modelConfig(options, defaults), null);
  }

  /** Returns the names of the tools the options offer the model. */
  static List<String> toolNames(Object options) {
    List<String> names = new ArrayList<>();
    if (Reflect.call(options, "getToolCallbacks") instanceof List<?> callbacks) {
      for (Object callback : callbacks) {
        String name = Reflect.text(Reflect.call(callback, "getToolDefinition"), "name");
        if (name != null) {
          names.add(name);
        }
      }
    }
    if (Reflect.call(options, "getToolNames") instanceof java.util.Set<?> more) {
      for (Object name : more) {
        if (!names.contains(String.valueOf(name))) {
          names.add(String.valueOf(name));
        }
      }
    }
    return names;
  }

  /** Records a model's response on its generation span: output, model, usage, finish reason. */
  static void recordResponse(Span span, Object response) {
    if (response == null || !(span.data() instanceof GenerationSpanData data)) {
      return;
    }
    List<Object> output = new ArrayList<>();
    if (Tracing.includeSensitiveData()
        && Reflect.call(response, "getResults") instanceof List<?> results) {
      for (Object generation : results) {
        Object message = Reflect.call(generation, "getOutput");
        if (message != null) {
          output.add(message(message));
        }
      }
    }
    Object metadata = Reflect.call(response, "getMetadata");
    String model = nonBlank(Reflect.text(metadata, "getModel"));
    Map<String, Object> config = new LinkedHashMap<>(data.modelConfig());
    String id = nonBlank(Reflect.text(metadata, "getId"));
    if (id != null) {
      config.put("response_id", id);
    }
    String finish =
        nonBlank(
            Reflect.text(
                Reflect.call(Reflect.call(response, "getResult"), "getMetadata"),
                "getFinishReason"));
    if (finish != null) {
      config.put("finish_reason", finish.toLowerCase(Locale.ROOT));
    }
    Usage usage = usage(Reflect.call(metadata, "getUsage"));
    span.setData(
        new GenerationSpanData(
            data.input(),
            output.isEmpty() ? data.output() : output,
            model != null ? model : data.model(),
            config,
            usage != null ? usage : data.usage()));
  }

  /** Reads a Spring AI {@code Usage}; null when it counts nothing (an empty usage). */
  static Usage usage(Object usage) {
    Number input = Reflect.number(usage, "getPromptTokens");
    Number output = Reflect.number(usage, "getCompletionTokens");
    long in = input == null ? 0 : input.longValue();
    long out = output == null ? 0 : output.longValue();
    if (in == 0 && out == 0) {
      return null;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    Number cached = Reflect.number(usage, "getCacheReadInputTokens");
    if (cached != null && cached.longValue() > 0) {
      details.put("cached_tokens", cached.longValue());
    }
    Number written = Reflect.number(usage, "getCacheWriteInputTokens");
    if (written != null && written.longValue() > 0) {
      details.put("cache_creation_input_tokens", written.longValue());
    }
    return new Usage(in, out, details);
  }

  /** Returns captured text as every captured value is kept: redacted and bounded; null if off. */
  static String text(String value) {
    return Captured.text(value);
  }

  private static Map<String, Object> message(Object message) {
    Map<String, Object> out = new LinkedHashMap<>();
    Object type = Reflect.call(message, "getMessageType");
    String role = type == null ? "user" : type.toString().toLowerCase(Locale.ROOT);
    out.put("role", role);
    String content = text(Reflect.text(message, "getText"));
    if (content != null && !content.isEmpty()) {
      out.put("content", content);
    }
    if (Reflect.call(message, "getToolCalls") instanceof List<?> calls && !calls.isEmpty()) {
      List<Object> toolCalls = new ArrayList<>();
      for (Object call : calls) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", Reflect.text(call, "name"));
        function.put("arguments", text(Reflect.text(call, "arguments")));
        Map<String, Object> toolCall = new LinkedHashMap<>();
        toolCall.put("id", Reflect.text(call, "id"));
        toolCall.put("type", "function");
        toolCall.put("function", function);
        toolCalls.add(toolCall);
      }
      out.put("tool_calls", toolCalls);
    }
    if (Reflect.call(message, "getResponses") instanceof List<?> responses
        && !responses.isEmpty()) {
      List<Object> results = new ArrayList<>();
      for (Object response : responses) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tool_call_id", Reflect.text(response, "id"));
        result.put("name", Reflect.text(response, "name"));
        result.put("content", text(Reflect.text(response, "responseData")));
        results.add(result);
      }
      out.put("tool_results", results);
    }
    return out;
  }

  private static Map<String, Object> modelConfig(Object options, Object defaults) {
    Map<String, Object> config = new LinkedHashMap<>();
    put(config, "temperature", options, defaults, "getTemperature");
    put(config, "max_tokens", options, defaults, "getMaxTokens");
    put(config, "top_p", options, defaults, "getTopP");
    put(config, "top_k", options, defaults, "getTopK");
    put(config, "frequency_penalty", options, defaults, "getFrequencyPenalty");
    put(config, "presence_penalty", options, defaults, "getPresencePenalty");
    Object stop = Reflect.call(options, "getStopSequences");
    if (stop instanceof List<?> list && !list.isEmpty()) {
      config.put("stop", new ArrayList<>(list));
    }
    List<String> tools = toolNames(options);
    if (!tools.isEmpty()) {
      config.put("tools", tools);
    }
    return config;
  }

  private static void put(
      Map<String, Object> config, String key, Object options, Object defaults, String accessor) {
    Object value = Reflect.call(options, accessor);
    if (value == null) {
      value = Reflect.call(defaults, accessor);
    }
    if (value != null) {
      config.put(key, value);
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * The responses of a streamed request, put together: the text and tool calls of every chunk, and
   * the model, id and usage of the chunks that carry them (the last, usually).
   */
  static final class StreamedResponse {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> toolCalls = new ArrayList<>();
    private Object lastWithMetadata;
    private Usage usage;
    private int chunks;

    synchronized void add(Object item) {
      // A chat client's stream carries ChatClientResponse; a model's, ChatResponse.
      Object response =
          Reflect.isA(item, "org.springframework.ai.chat.client.ChatClientResponse")
              ? Reflect.call(item, "chatResponse")
              : item;
      if (response == null) {
        return;
      }
      chunks++;
      Object message = Reflect.call(Reflect.call(response, "getResult"), "getOutput");
      String part = Reflect.text(message, "getText");
      if (part != null) {
        text.append(part);
      }
      if (Reflect.call(message, "getToolCalls") instanceof List<?> calls) {
        toolCalls.addAll(calls);
      }
      Object metadata = Reflect.call(response, "getMetadata");
      if (nonBlank(Reflect.text(metadata, "getModel")) != null) {
        lastWithMetadata = response;
      }
      Usage counted = usage(Reflect.call(metadata, "getUsage"));
      if (counted != null) {
        usage = counted;
      }
    }

    synchronized void recordOn(Span span) {
      if (!(span.data() instanceof GenerationSpanData data)) {
        return;
      }
      if (lastWithMetadata != null) {
        recordResponse(span, lastWithMetadata);
        data = (GenerationSpanData) span.data();
      }
      List<Object> output = data.output();
      if (Tracing.includeSensitiveData() && (text.length() > 0 || !toolCalls.isEmpty())) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        if (text.length() > 0) {
          message.put("content", text(text.toString()));
        }
        if (!toolCalls.isEmpty()) {
          List<Object> calls = new ArrayList<>();
          for (Object call : toolCalls) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", Reflect.text(call, "name"));
            function.put("arguments", text(Reflect.text(call, "arguments")));
            calls.add(
                Map.of(
                    "id",
                    String.valueOf(Reflect.text(call, "id")),
                    "type",
                    "function",
                    "function",
                    function));
          }
          message.put("tool_calls", calls);
        }
        output = List.of(message);
      }
      Map<String, Object> config = new LinkedHashMap<>(data.modelConfig());
      config.put("stream", true);
      span.setData(
          new GenerationSpanData(
              data.input(), output, data.model(), config, usage != null ? usage : data.usage()));
      span.setMetadata("chunks", chunks);
    }
  }
}
