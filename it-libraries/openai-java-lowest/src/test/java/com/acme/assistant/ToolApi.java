package com.acme.assistant;

import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Function tools as openai-java 2.x spells them (one tool call type, always a function). */
final class ToolApi {
  private ToolApi() {}

  /** One tool call the model asked for. */
  record Call(String id, String name, String arguments) {}

  /** Offers the {@code lookupOrder} tool. */
  static void offerLookupOrder(ChatCompletionCreateParams.Builder params) {
    params.addTool(ChatCompletionTool.builder().function(lookupOrder()).build());
  }

  /** Returns the function calls of an assistant message. */
  static List<Call> calls(ChatCompletionMessage message) {
    List<Call> calls = new ArrayList<>();
    for (ChatCompletionMessageToolCall call : message.toolCalls().orElse(List.of())) {
      calls.add(new Call(call.id(), call.function().name(), call.function().arguments()));
    }
    return calls;
  }

  static FunctionDefinition lookupOrder() {
    return FunctionDefinition.builder()
        .name("lookupOrder")
        .description("Finds where an order is")
        .parameters(
            FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("orderId", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("orderId")))
                .build())
        .build();
  }
}
