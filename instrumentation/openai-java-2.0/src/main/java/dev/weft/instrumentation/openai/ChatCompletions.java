package dev.weft.instrumentation.openai;

import dev.weft.data.GenerationSpanData;
import dev.weft.data.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chat-completions API as a {@code generation} span: the request body gives the model, the
 * input messages and the model configuration; the completion (or the chunks of a stream, put
 * together) gives the output messages, the model that answered and the token usage. Messages keep
 * the chat-completions shape they have on the wire.
 */
final class ChatCompletions {
  /** Request members copied into {@code model_config} under the same name. */
  private static final List<String> CONFIG =
      List.of(
          "temperature",
          "top_p",
          "frequency_penalty",
          "presence_penalty",
          "seed",
          "n",
          "stop",
          "reasoning_effort",
          "parallel_tool_calls",
          "tool_choice");

  private ChatCompletions() {}

  /** Returns the span data a request starts with. */
  static GenerationSpanData request(Map<String, Object> body, Content content) {
    List<Object> input = new ArrayList<>();
    if (content.recorded()) {
      for (Object message : Json.listAt(body, "messages")) {
        input.add(content.scrub(message));
      }
    }
    return new GenerationSpanData(
        input, List.of(), Json.textAt(body, "model"), modelConfig(body), null);
  }

  private static Map<String, Object> modelConfig(Map<String, Object> body) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (String key : CONFIG) {
      Object value = Json.at(body, key);
      if (value != null) {
        config.put(key, value);
      }
    }
    Object maxTokens = Json.at(body, "max_completion_tokens");
    if (maxTokens == null) {
      maxTokens = Json.at(body, "max_tokens");
    }
    if (maxTokens != null) {
      config.put("max_tokens", maxTokens);
    }
    Map<String, Object> format = Json.objectAt(body, "response_format");
    if (format != null && !"text".equals(format.get("type"))) {
      Map<String, Object> responseFormat = new LinkedHashMap<>();
      responseFormat.put("type", format.get("type"));
      String schema = Json.textAt(format, "json_schema", "name");
      if (schema != null) {
        responseFormat.put("schema", schema);
      }
      config.put("response_format", responseFormat);
    }
    List<Object> tools = new ArrayList<>();
    for (Object tool : Json.listAt(body, "tools")) {
      String name = Json.textAt(tool, "function", "name");
      tools.add(name != null ? name : Json.textAt(tool, "custom", "name"));
    }
    if (!tools.isEmpty()) {
      config.put("tools", tools);
    }
    return config;
  }

  /** Returns the span data with the completion's output, model, finish reason and usage. */
  static GenerationSpanData completed(
      GenerationSpanData data, Map<String, Object> completion, Content content) {
    List<Object> output = new ArrayList<>();
    Map<String, Object> config = new LinkedHashMap<>(data.modelConfig());
    for (Object choice : Json.listAt(completion, "choices")) {
      Object message = Json.at(choice, "message");
      if (message != null && content.recorded()) {
        output.add(content.scrub(message));
      }
      String finish = Json.textAt(choice, "finish_reason");
      if (finish != null) {
        config.putIfAbsent("finish_reason", finish);
      }
    }
    String id = Json.textAt(completion, "id");
    if (id != null) {
      config.put("response_id", id);
    }
    String model = Json.textAt(completion, "model");
    return new GenerationSpanData(
        data.input(), output, model != null ? model : data.model(), config, usage(completion));
  }

  /** Returns the token usage of a completion, or null. */
  static Usage usage(Map<String, Object> completion) {
    return Usages.of(
        Json.objectAt(completion, "usage"),
        "prompt_tokens",
        "completion_tokens",
        "prompt_tokens_details",
        "completion_tokens_details");
  }

  /**
   * Puts the chunks of a streamed completion together into the completion they stand for: the
   * content and tool-call arguments of each choice joined in order, the last finish reason, and the
   * usage of the final chunk when the request asked for it.
   */
  static final class Chunks {
    private final Map<Integer, StreamedChoice> choices = new TreeMap<>();
    private String id;
    private String model;
    private Object usage;
    private int count;

    /** Adds one chunk, as openai-java delivered it. */
    synchronized void add(Object chunk) {
      Map<String, Object> json = Json.object(chunk);
      if (json == null) {
        return;
      }
      count++;
      if (id == null) {
        id = Json.textAt(json, "id");
      }
      if (model == null) {
        model = Json.textAt(json, "model");
      }
      if (Json.at(json, "usage") instanceof Map<?, ?> reported) {
        usage = reported;
      }
      for (Object choice : Json.listAt(json, "choices")) {
        Number index = Json.numberAt(choice, "index");
        choices
            .computeIfAbsent(index == null ? 0 : index.intValue(), i -> new StreamedChoice())
            .add(choice);
      }
    }

    /** Returns the number of chunks read. */
    synchronized int count() {
      return count;
    }

    /** Returns the completion the chunks so far stand for. */
    synchronized Map<String, Object> completion() {
      Map<String, Object> completion = new LinkedHashMap<>();
      completion.put("id", id);
      completion.put("model", model);
      List<Object> list = new ArrayList<>();
      for (StreamedChoice choice : choices.values()) {
        list.add(choice.toJson());
      }
      completion.put("choices", list);
      completion.put("usage", usage);
      return completion;
    }
  }

  /** One choice of a stream: the deltas of its message joined. */
  private static final class StreamedChoice {
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, Map<String, Object>> toolCalls = new TreeMap<>();
    private String role;
    private String finishReason;
    private boolean hasText;

    void add(Object choice) {
      Map<String, Object> delta = Json.objectAt(choice, "delta");
      String finish = Json.textAt(choice, "finish_reason");
      if (finish != null) {
        finishReason = finish;
      }
      if (delta == null) {
        return;
      }
      if (role == null) {
        role = Json.textAt(delta, "role");
      }
      String piece = Json.textAt(delta, "content");
      if (piece != null) {
        text.append(piece);
        hasText = true;
      }
      for (Object call : Json.listAt(delta, "tool_calls")) {
        Number index = Json.numberAt(call, "index");
        Map<String, Object> joined =
            toolCalls.computeIfAbsent(
                index == null ? toolCalls.size() : index.intValue(), i -> newToolCall());
        String id = Json.textAt(call, "id");
        if (id != null) {
          joined.put("id", id);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> function = (Map<String, Object>) joined.get("function");
        String name = Json.textAt(call, "function", "name");
        if (name != null) {
          function.put("name", name);
        }
        String arguments = Json.textAt(call, "function", "arguments");
        if (arguments != null) {
          function.put("arguments", function.get("arguments") + arguments);
        }
      }
    }

    private static Map<String, Object> newToolCall() {
      Map<String, Object> function = new LinkedHashMap<>();
      function.put("name", null);
      function.put("arguments", "");
      Map<String, Object> call = new LinkedHashMap<>();
      call.put("id", null);
      call.put("type", "function");
      call.put("function", function);
      return call;
    }

    Map<String, Object> toJson() {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", role == null ? "assistant" : role);
      message.put("content", hasText ? text.toString() : null);
      if (!toolCalls.isEmpty()) {
        message.put("tool_calls", new ArrayList<>(toolCalls.values()));
      }
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("message", message);
      choice.put("finish_reason", finishReason);
      return choice;
    }
  }
}
