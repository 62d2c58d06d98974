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
  // The accessors read, each remembering the methods it found on the classes it met.
  private static final Reflect.Accessor ARGUMENTS = Reflect.accessor("arguments");
  private static final Reflect.Accessor CHAT_RESPONSE = Reflect.accessor("chatResponse");
  private static final Reflect.Accessor GET_CACHE_READ_INPUT_TOKENS =
      Reflect.accessor("getCacheReadInputTokens");
  private static final Reflect.Accessor GET_CACHE_WRITE_INPUT_TOKENS =
      Reflect.accessor("getCacheWriteInputTokens");
  private static final Reflect.Accessor GET_COMPLETION_TOKENS =
      Reflect.accessor("getCompletionTokens");
  private static final Reflect.Accessor GET_DEFAULT_OPTIONS = Reflect.accessor("getDefaultOptions");
  private static final Reflect.Accessor GET_FINISH_REASON = Reflect.accessor("getFinishReason");
  private static final Reflect.Accessor GET_ID = Reflect.accessor("getId");
  private static final Reflect.Accessor GET_INSTRUCTIONS = Reflect.accessor("getInstructions");
  private static final Reflect.Accessor GET_MESSAGE_TYPE = Reflect.accessor("getMessageType");
  private static final Reflect.Accessor GET_METADATA = Reflect.accessor("getMetadata");
  private static final Reflect.Accessor GET_MODEL = Reflect.accessor("getModel");
  private static final Reflect.Accessor GET_OPTIONS = Reflect.accessor("getOptions");
  private static final Reflect.Accessor GET_OUTPUT = Reflect.accessor("getOutput");
  private static final Reflect.Accessor GET_PROMPT_TOKENS = Reflect.accessor("getPromptTokens");
  private static final Reflect.Accessor GET_RESPONSES = Reflect.accessor("getResponses");
  private static final Reflect.Accessor GET_RESULT = Reflect.accessor("getResult");
  private static final Reflect.Accessor GET_RESULTS = Reflect.accessor("getResults");
  private static final Reflect.Accessor GET_STOP_SEQUENCES = Reflect.accessor("getStopSequences");
  private static final Reflect.Accessor GET_TEXT = Reflect.accessor("getText");
  private static final Reflect.Accessor GET_TOOL_CALLBACKS = Reflect.accessor("getToolCallbacks");
  private static final Reflect.Accessor GET_TOOL_CALLS = Reflect.accessor("getToolCalls");
  private static final Reflect.Accessor GET_TOOL_DEFINITION = Reflect.accessor("getToolDefinition");
  private static final Reflect.Accessor GET_TOOL_NAMES = Reflect.accessor("getToolNames");
  private static final Reflect.Accessor GET_USAGE = Reflect.accessor("getUsage");
  private static final Reflect.Accessor ID = Reflect.accessor("id");
  private static final Reflect.Accessor NAME = Reflect.accessor("name");
  private static final Reflect.Accessor RESPONSE_DATA = Reflect.accessor("responseData");

  // The options read into model_config, each under its key there.
  private static final Reflect.Accessor TEMPERATURE = Reflect.accessor("getTemperature");
  private static final Reflect.Accessor MAX_TOKENS = Reflect.accessor("getMaxTokens");
  private static final Reflect.Accessor TOP_P = Reflect.accessor("getTopP");
  private static final Reflect.Accessor TOP_K = Reflect.accessor("getTopK");
  private static final Reflect.Accessor FREQUENCY_PENALTY = Reflect.accessor("getFrequencyPenalty");
  private static final Reflect.Accessor PRESENCE_PENALTY = Reflect.accessor("getPresencePenalty");

  private SpringAiValues() {}

  /** Returns the generation data of a request: model, messages (when recorded) and options. */
  static GenerationSpanData generation(Object model, Object prompt) {
    Object options = GET_OPTIONS.call(prompt);
    Object defaults = GET_DEFAULT_OPTIONS.call(model);
    String modelName = nonBlank(GET_MODEL.text(options));
    if (modelName == null) {
      modelName = nonBlank(GET_MODEL.text(defaults));
    }
    List<Object> input = new ArrayList<>();
    if (Tracing.includeSensitiveData()
        && GET_INSTRUCTIONS.call(prompt) instanceof List<?> messages) {
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
    if (GET_TOOL_CALLBACKS.call(options) instanceof List<?> callbacks) {
      for (Object callback : callbacks) {
        String name = NAME.text(GET_TOOL_DEFINITION.call(callback));
        if (name != null) {
          names.add(name);
        }
      }
    }
    if (GET_TOOL_NAMES.call(options) instanceof java.util.Set<?> more) {
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
    if (Tracing.includeSensitiveData() && GET_RESULTS.call(response) instanceof List<?> results) {
      for (Object generation : results) {
        Object message = GET_OUTPUT.call(generation);
        if (message != null) {
          output.add(message(message));
        }
      }
    }
    Object metadata = GET_METADATA.call(response);
    String model = nonBlank(GET_MODEL.text(metadata));
    Map<String, Object> config = new LinkedHashMap<>(data.modelConfig());
    String id = nonBlank(GET_ID.text(metadata));
    if (id != null) {
      config.put("response_id", id);
    }
    String finish = nonBlank(GET_FINISH_REASON.text(GET_METADATA.call(GET_RESULT.call(response))));
    if (finish != null) {
      config.put("finish_reason", finish.toLowerCase(Locale.ROOT));
    }
    Usage usage = usage(GET_USAGE.call(metadata));
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
    Number input = GET_PROMPT_TOKENS.number(usage);
    Number output = GET_COMPLETION_TOKENS.number(usage);
    long in = input == null ? 0 : input.longValue();
    long out = output == null ? 0 : output.longValue();
    if (in == 0 && out == 0) {
      return null;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    Number cached = GET_CACHE_READ_INPUT_TOKENS.number(usage);
    if (cached != null && cached.longValue() > 0) {
      details.put("cached_tokens", cached.longValue());
    }
    Number written = GET_CACHE_WRITE_INPUT_TOKENS.number(usage);
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
    Object type = GET_MESSAGE_TYPE.call(message);
    String role = type == null ? "user" : type.toString().toLowerCase(Locale.ROOT);
    out.put("role", role);
    String content = text(GET_TEXT.text(message));
    if (content != null && !content.isEmpty()) {
      out.put("content", content);
    }
    if (GET_TOOL_CALLS.call(message) instanceof List<?> calls && !calls.isEmpty()) {
      List<Object> toolCalls = new ArrayList<>();
      for (Object call : calls) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", NAME.text(call));
        function.put("arguments", text(ARGUMENTS.text(call)));
        Map<String, Object> toolCall = new LinkedHashMap<>();
        toolCall.put("id", ID.text(call));
        toolCall.put("type", "function");
        toolCall.put("function", function);
        toolCalls.add(toolCall);
      }
      out.put("tool_calls", toolCalls);
    }
    if (GET_RESPONSES.call(message) instanceof List<?> responses && !responses.isEmpty()) {
      List<Object> results = new ArrayList<>();
      for (Object response : responses) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tool_call_id", ID.text(response));
        result.put("name", NAME.text(response));
        result.put("content", text(RESPONSE_DATA.text(response)));
        results.add(result);
      }
      out.put("tool_results", results);
    }
    return out;
  }

  private static Map<String, Object> modelConfig(Object options, Object defaults) {
    Map<String, Object> config = new LinkedHashMap<>();
    put(config, "temperature", options, defaults, TEMPERATURE);
    put(config, "max_tokens", options, defaults, MAX_TOKENS);
    put(config, "top_p", options, defaults, TOP_P);
    put(config, "top_k", options, defaults, TOP_K);
    put(config, "frequency_penalty", options, defaults, FREQUENCY_PENALTY);
    put(config, "presence_penalty", options, defaults, PRESENCE_PENALTY);
    Object stop = GET_STOP_SEQUENCES.call(options);
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
      Map<String, Object> config,
      String key,
      Object options,
      Object defaults,
      Reflect.Accessor accessor) {
    Object value = accessor.call(options);
    if (value == null) {
      value = accessor.call(defaults);
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
              ? CHAT_RESPONSE.call(item)
              : item;
      if (response == null) {
        return;
      }
      chunks++;
      Object message = GET_OUTPUT.call(GET_RESULT.call(response));
      String part = GET_TEXT.text(message);
      if (part != null) {
        text.append(part);
      }
      if (GET_TOOL_CALLS.call(message) instanceof List<?> calls) {
        toolCalls.addAll(calls);
      }
      Object metadata = GET_METADATA.call(response);
      if (nonBlank(GET_MODEL.text(metadata)) != null) {
        lastWithMetadata = response;
      }
      Usage counted = usage(GET_USAGE.call(metadata));
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
            function.put("name", NAME.text(call));
            function.put("arguments", text(ARGUMENTS.text(call)));
            calls.add(
                Map.of(
                    "id", String.valueOf(ID.text(call)), "type", "function", "function", function));
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
