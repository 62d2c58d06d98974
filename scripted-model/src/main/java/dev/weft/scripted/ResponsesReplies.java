package dev.weft.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scripted model's answers on the Responses API ({@code POST /v1/responses}): a response object
 * with a message (or {@code function_call} items for tool calls) and usage, or, for {@code
 * "stream": true}, the events {@code response.created}, {@code response.output_item.added}, {@code
 * response.content_part.added}, {@code response.output_text.delta} (several), the matching {@code
 * .done} events and {@code response.completed} with the whole response. Failures answer as on the
 * chat-completions endpoint.
 */
final class ResponsesReplies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CREATED = 1_764_000_000L;

  private ResponsesReplies() {}

  /** Answers a request whose reply is not a failure. */
  static void answer(HttpExchange exchange, ModelRequest request, Reply reply, int number)
      throws IOException {
    String id = "resp_" + number;
    ObjectNode response = response(id, request, reply, number);
    if (!request.stream()) {
      ScriptedModelServer.send(exchange, 200, JSON.writeValueAsString(response));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    Events events = new Events(exchange.getResponseBody());
    ObjectNode started = response.deepCopy();
    started.put("status", "in_progress");
    started.putArray("output");
    started.putNull("usage");
    events.send("response.created", event -> event.set("response", started));
    ArrayNode output = (ArrayNode) response.path("output");
    for (int index = 0; index < output.size(); index++) {
      ObjectNode item = (ObjectNode) output.get(index);
      int outputIndex = index;
      if (!"message".equals(item.path("type").asText())) {
        events.send(
            "response.output_item.added",
            event -> event.put("output_index", outputIndex).set("item", item));
        events.send(
            "response.output_item.done",
            event -> event.put("output_index", outputIndex).set("item", item));
        continue;
      }
      String itemId = item.path("id").asText();
      String text = ScriptedModelServer.text(reply);
      ObjectNode empty = item.deepCopy();
      empty.put("status", "in_progress");
      empty.putArray("content");
      events.send(
          "response.output_item.added",
          event -> event.put("output_index", outputIndex).set("item", empty));
      ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", "");
      part.putArray("annotations");
      events.send("response.content_part.added", event -> part(event, itemId, 0).set("part", part));
      List<String> pieces = ScriptedModelServer.pieces(text);
      for (int i = 0; i < pieces.size(); i++) {
        String piece = pieces.get(i);
        events.send(
            "response.output_text.delta",
            event -> part(event, itemId, 0).put("delta", piece).putArray("logprobs"));
        if (reply instanceof Reply.BrokenStream && i == pieces.size() / 2) {
          events.breakOff();
          return;
        }
      }
      events.send(
          "response.output_text.done",
          event -> part(event, itemId, 0).put("text", text).putArray("logprobs"));
      events.send(
          "response.content_part.done",
          event -> part(event, itemId, 0).set("part", item.path("content").get(0)));
      events.send(
          "response.output_item.done",
          event -> event.put("output_index", outputIndex).set("item", item));
    }
    events.send("response.completed", event -> event.set("response", response));
  }

  private static ObjectNode part(ObjectNode event, String itemId, int outputIndex) {
    return event.put("item_id", itemId).put("output_index", outputIndex).put("content_index", 0);
  }

  private static ObjectNode response(String id, ModelRequest request, Reply reply, int number) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", "response");
    root.put("created_at", CREATED);
    root.put("status", "completed");
    root.putNull("error");
    root.putNull("incomplete_details");
    JsonNode instructions = request.body().get("instructions");
    root.set("instructions", instructions == null ? NullNode.instance : instructions.deepCopy());
    root.put("model", request.model());
    ArrayNode output = root.putArray("output");
    if (reply instanceof Reply.ToolCalls calls) {
      int i = 0;
      for (Reply.Call call : calls.calls()) {
        ObjectNode item = output.addObject();
        item.put("type", "function_call");
        item.put("id", "fc_" + number + "_" + i);
        item.put("call_id", "call_" + number + "_" + i++);
        item.put("name", call.name());
        item.put("arguments", call.arguments());
        item.put("status", "completed");
      }
    } else {
      ObjectNode message = output.addObject();
      message.put("type", "message");
      message.put("id", "msg_" + number);
      message.put("status", "completed");
      message.put("role", "assistant");
      ObjectNode text = message.putArray("content").addObject();
      text.put("type", "output_text");
      text.put("text", ScriptedModelServer.text(reply));
      text.putArray("annotations");
    }
    root.put("parallel_tool_calls", true);
    root.put("tool_choice", "auto");
    root.putArray("tools");
    root.putNull("temperature");
    root.putNull("top_p");
    root.putObject("metadata");
    root.set("usage", usage(request, reply));
    return root;
  }

  /** Token counts that follow from the texts, a token per 4 chars, as on chat completions. */
  private static ObjectNode usage(ModelRequest request, Reply reply) {
    int input = Math.max(1, request.body().path("input").toString().length() / 4);
    String out =
        reply instanceof Reply.ToolCalls calls ? calls.toString() : ScriptedModelServer.text(reply);
    int output = Math.max(1, out.length() / 4);
    ObjectNode usage = JSON.createObjectNode();
    usage.put("input_tokens", input);
    usage.putObject("input_tokens_details").put("cached_tokens", input / 2);
    usage.put("output_tokens", output);
    usage.putObject("output_tokens_details").put("reasoning_tokens", output / 3);
    usage.put("total_tokens", input + output);
    return usage;
  }

  /** Writes numbered server-sent events, each with its {@code event:} line. */
  private static final class Events {
    private final OutputStream out;
    private int sequence;

    Events(OutputStream out) {
      this.out = out;
    }

    void send(String type, java.util.function.Consumer<ObjectNode> fill) throws IOException {
      ObjectNode event = JSON.createObjectNode();
      event.put("type", type);
      event.put("sequence_number", sequence++);
      fill.accept(event);
      out.write(("event: " + type + "\n").getBytes(StandardCharsets.UTF_8));
      ScriptedModelServer.event(out, JSON.writeValueAsString(event));
    }

    /** Breaks the stream off in the middle of an event. */
    void breakOff() throws IOException {
      out.write("data: {\"type\":\"response.output_".getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
