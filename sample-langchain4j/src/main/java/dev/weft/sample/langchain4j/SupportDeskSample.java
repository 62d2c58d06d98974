package dev.weft.sample.langchain4j;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import dev.weft.scripted.ScriptedModelServer;
import dev.weft.scripted.Scripts;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A LangChain4j support desk with no tracing code: an assistant with tools and memory, the same
 * assistant streaming, and a two-agent workflow that drafts and polishes a reply. Run it under the
 * Weft agent and every call becomes a trace.
 *
 * <p>Offline by default: the model is a scripted OpenAI-compatible server on loopback. With {@code
 * OPENAI_API_KEY} set it calls {@code OPENAI_BASE_URL} (default {@code https://api.openai.com/v1})
 * with the model {@code WEFT_SAMPLE_MODEL} (default {@code gpt-4.1-mini}).
 */
public final class SupportDeskSample {
  private SupportDeskSample() {}

  /** The support assistant: LangChain4j implements it. */
  interface Assistant {
    @SystemMessage("You are the support desk of an online shop. Use the tools to answer.")
    String chat(String message);
  }

  /** The same assistant, streaming its answer. */
  interface StreamingAssistant {
    @SystemMessage("You are the support desk of an online shop. Use the tools to answer.")
    TokenStream chat(String message);
  }

  /** Drafts a reply to a customer. */
  public interface Drafter {
    @UserMessage("Draft a short reply to this customer message: {{message}}")
    @Agent(description = "Drafts a reply", outputKey = "reply")
    String draft(@V("message") String message);
  }

  /** Polishes a draft. */
  public interface Polisher {
    @UserMessage("Make this reply friendlier, keep it short: {{reply}}")
    @Agent(description = "Polishes a reply", outputKey = "reply")
    String polish(@V("reply") String reply);
  }

  public static void main(String[] args) throws Exception {
    String key = System.getenv("OPENAI_API_KEY");
    ScriptedModelServer scripted = null;
    String baseUrl;
    String modelName;
    if (key == null || key.isBlank()) {
      scripted = ScriptedModelServer.start(Scripts.conversational());
      baseUrl = scripted.baseUrl();
      modelName = "gpt-4.1-mini";
      key = "scripted";
      System.out.println("Model: scripted, offline, at " + baseUrl);
    } else {
      baseUrl = envOr("OPENAI_BASE_URL", "https://api.openai.com/v1");
      modelName = envOr("WEFT_SAMPLE_MODEL", "gpt-4.1-mini");
      System.out.println("Model: " + modelName + " at " + baseUrl);
    }
    try {
      run(baseUrl, key, modelName);
    } finally {
      if (scripted != null) {
        scripted.close();
      }
    }
  }

  private static void run(String baseUrl, String key, String modelName) throws Exception {
    ChatModel model =
        OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(key).modelName(modelName).build();
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .tools(new OrderDesk())
            .chatMemory(MessageWindowChatMemory.withMaxMessages(20))
            .build();
    System.out.println(
        "Assistant: " + assistant.chat("Where is my order 1234, and how long to Paris?"));
    System.out.println("Assistant: " + assistant.chat("Thank you, that is all."));

    StreamingChatModel streamingModel =
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(key)
            .modelName(modelName)
            .build();
    StreamingAssistant streaming =
        AiServices.builder(StreamingAssistant.class)
            .streamingChatModel(streamingModel)
            .tools(new OrderDesk())
            .build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming
        .chat("What about order 5678?")
        .onPartialResponse(piece -> {})
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    System.out.println("Streamed: " + done.get(120, TimeUnit.SECONDS).aiMessage().text());

    Drafter drafter =
        AgenticServices.agentBuilder(Drafter.class).chatModel(model).outputKey("reply").build();
    Polisher polisher =
        AgenticServices.agentBuilder(Polisher.class).chatModel(model).outputKey("reply").build();
    UntypedAgent replyWriter =
        AgenticServices.sequenceBuilder()
            .name("replyWriter")
            .subAgents(drafter, polisher)
            .outputKey("reply")
            .build();
    System.out.println(
        "Reply: " + replyWriter.invoke(Map.of("message", "My parcel is late, what can I do?")));
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
