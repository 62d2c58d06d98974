package com.acme.support;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;

/** An AI service that answers with a record, through the model's JSON-schema output. */
public final class StructuredApp {
  private StructuredApp() {}

  /** What the model is asked to fill in. */
  public record OrderSummary(String orderId, String status) {}

  /** LangChain4j implements it. */
  public interface Summarizer {
    OrderSummary summarize(String text);
  }

  public static void main(String[] args) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(args[0])
            .apiKey("test-key")
            .modelName("gpt-4.1-mini")
            .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
            .strictJsonSchema(true)
            .maxRetries(0)
            .build();
    Summarizer summarizer = AiServices.create(Summarizer.class, model);
    System.out.println(summarizer.summarize("Order 77 left the warehouse today."));
  }
}
