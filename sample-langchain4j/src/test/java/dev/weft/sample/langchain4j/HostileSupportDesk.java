package dev.weft.sample.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.weft.scripted.ScriptedModelServer;
import dev.weft.scripted.Scripts;

/**
 * A support desk like the sample's, whose customer writes markup, a {@code javascript:} link and a
 * very long text, and whose tool answers with markup from the order notes: what a viewer must show
 * as text. It runs on the sample's own jar (LangChain4j, the scripted model) under the agent, with
 * no Weft code.
 */
public final class HostileSupportDesk {
  /** Closes the page's script element and adds an image whose error handler would run. */
  static final String MARKUP = "</script><img src=x onerror=\"window.pwned=1\">";

  /** A markdown link whose target is script. */
  static final String SCRIPT_LINK = "[track it](javascript:window.pwned=1)";

  /** Longer than the 20,000 characters the viewer shows of a message before its control. */
  static final String LONG_TEXT = "My parcel went around the world. ".repeat(1_000);

  /** The customer's question: it asks something, so the scripted model calls the tool first. */
  static final String QUESTION =
      "Where is my order 1234? " + MARKUP + " " + SCRIPT_LINK + " " + LONG_TEXT;

  /** What the order notes hold: a script element as the tool's output. */
  static final String NOTE = "<script>window.pwned=1</script> left the depot " + MARKUP;

  private HostileSupportDesk() {}

  /** The support assistant: LangChain4j implements it. */
  interface Assistant {
    @SystemMessage("You are the support desk of an online shop. Use the tools to answer.")
    String chat(String message);
  }

  /** The order notes, as a support agent typed them. */
  public static final class OrderNotes {
    @Tool("Reads the notes kept on an order")
    public String orderNotes(@P("the order number") String orderNumber) {
      return "order " + orderNumber + ": " + NOTE;
    }
  }

  public static void main(String[] args) throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.start(Scripts.conversational())) {
      Assistant assistant =
          AiServices.builder(Assistant.class)
              .chatModel(
                  OpenAiChatModel.builder()
                      .baseUrl(model.baseUrl())
                      .apiKey("scripted")
                      .modelName("gpt-4.1-mini")
                      .build())
              .tools(new OrderNotes())
              .build();
      System.out.println("Assistant: " + assistant.chat(QUESTION).length() + " characters");
    }
  }
}
