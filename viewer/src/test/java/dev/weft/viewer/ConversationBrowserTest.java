package dev.weft.viewer;

import static dev.weft.viewer.TraceFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A model call's messages shown as a conversation, in a real headless Chromium. */
class ConversationBrowserTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:36:01.123456Z");
  private static final String HUGE = "All work and no play. ".repeat(50_000);

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir Path dir;

  private static Map<String, Object> toolCall(String id, String name, String arguments) {
    return map("id", id, "type", "function", "function", map("name", name, "arguments", arguments));
  }

  /**
   * An agent whose first model call asks for two tools (the first carries the call's id in its
   * metadata, as the LangChain4j instrumentation records it; the second does not), and whose second
   * model call sees the whole history, twelve messages, with content as parts.
   */
  private TraceFixtures refundConversation() {
    TraceFixtures t = TraceFixtures.trace(1, "Refund desk", T0);
    String agent = t.span(null, 0, 3000, TraceFixtures.agent("Support", List.of(), List.of()));
    List<Object> firstInput =
        List.of(
            map("role", "system", "content", "You are the refund desk."),
            map("role", "user", "content", "Refund order A-1042 " + TraceFixtures.HOSTILE_SCRIPT));
    Map<String, Object> asksForTools =
        map(
            "role",
            "assistant",
            "content",
            null,
            "tool_calls",
            List.of(
                toolCall("call_lookup", "lookup_order", "{\"order_id\":\"A-1042\"}"),
                toolCall("call_refund", "issue_refund", "{\"order_id\":\"A-1042\"}")));
    t.span(
        agent,
        10,
        900,
        map(
            "type",
            "generation",
            "input",
            firstInput,
            "output",
            List.of(asksForTools),
            "model",
            "gpt-4.1-mini",
            "model_config",
            map("temperature", 0.1),
            "usage",
            map("input_tokens", 120, "output_tokens", 30)));
    t.span(
        agent,
        910,
        1200,
        TraceFixtures.function("lookup_order", "{\"order_id\":\"A-1042\"}", "ok"));
    t.metadataOfLastSpan(map("tool_call_id", "call_lookup"));
    t.span(
        agent,
        1210,
        1500,
        TraceFixtures.function("issue_refund", "{\"order_id\":\"A-1042\"}", "R-77"));
    List<Object> history = new ArrayList<>(firstInput);
    history.add(asksForTools);
    history.add(
        map(
            "role",
            "tool",
            "tool_call_id",
            "call_lookup",
            "content",
            List.of(map("type", "text", "text", "order A-1042 delivered"))));
    history.add(map("role", "tool", "tool_call_id", "call_refund", "content", "R-77"));
    for (int i = 0; i < 3; i++) {
      history.add(map("role", "user", "content", "follow-up question " + i));
      history.add(map("role", "assistant", "content", "answer " + i));
    }
    history.add(map("role", "user", "content", "[click me](javascript:window.pwned=1) " + HUGE));
    t.span(
        agent,
        1510,
        2900,
        map(
            "type",
            "generation",
            "input",
            history,
            "output",
            List.of(map("role", "assistant", "content", "Your refund R-77 is on its way.")),
            "model",
            "gpt-4.1-mini",
            "model_config",
            map("temperature", 0.1),
            "usage",
            map("input_tokens", 400, "output_tokens", 12)));
    t.span(
        agent,
        2910,
        2990,
        map(
            "type", "generation",
            "input", map("prompt", "not a list of messages"),
            "output", "plain text answer",
            "model", "legacy-model"));
    return t;
  }

  private void openFirstGeneration() throws IOException {
    TraceFolderViewer.install(dir);
    TraceFixtures t = refundConversation();
    t.export(dir);
    chromium.open(dir.resolve("index.html"), "trace=" + t.id());
    chromium.waitForTrace(t.id());
    chromium.spanRow("gpt-4.1-mini", 0).click();
  }

  @Test
  void generation_showsRolesTextAndToolCallsWithArguments() throws IOException {
    openFirstGeneration();

    List<WebElement> input =
        chromium.byTestId("conversation-input").findElements(By.cssSelector("[data-testid='msg']"));
    assertThat(input)
        .extracting(m -> m.getAttribute("data-role"))
        .containsExactly("system", "user");
    assertThat(input.get(0).getText()).contains("You are the refund desk.");
    assertThat(input.get(1).getText())
        .contains("Refund order A-1042 " + TraceFixtures.HOSTILE_SCRIPT);
    List<WebElement> calls = chromium.allByTestId("tool-call");
    assertThat(calls)
        .extracting(c -> c.getAttribute("data-tool"))
        .containsExactly("lookup_order", "issue_refund");
    assertThat(calls.get(0).getText()).contains("\"order_id\": \"A-1042\"");
    assertThat(chromium.byTestId("details").getText()).contains("\"temperature\": 0.1");
    chromium.assertNothingInjected();
  }

  @Test
  void toolCall_linksToTheSpanThatRanIt_byCallIdOrByNameAndOrder() throws IOException {
    openFirstGeneration();
    List<WebElement> links = chromium.allByTestId("tool-call-link");
    assertThat(links).hasSize(2);

    links.get(1).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo("issue_refund");
    assertThat(chromium.byTestId("detail-output").getText()).contains("R-77");

    chromium.spanRow("gpt-4.1-mini", 0).click();
    chromium.allByTestId("tool-call-link").get(0).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo("lookup_order");
    assertThat(chromium.driver.getCurrentUrl()).contains("span=");
  }

  @Test
  void longInput_hidesEarlierTurnsBehindAControl_andToolResultsLinkToTheirSpan()
      throws IOException {
    openFirstGeneration();
    chromium.spanRow("gpt-4.1-mini", 1).click();

    By visible = By.cssSelector("[data-testid='msg']:not(.earlier [data-testid='msg'])");
    WebElement input = chromium.byTestId("conversation-input");
    // The system message and the six latest of eleven turns are in view; five wait.
    assertThat(input.findElements(visible)).hasSize(7);
    assertThat(chromium.byTestId("show-earlier").getText()).isEqualTo("show 5 earlier messages");
    chromium.byTestId("show-earlier").click();
    assertThat(input.findElements(By.cssSelector("[data-testid='msg']")))
        .extracting(m -> m.getAttribute("data-role"))
        .containsExactly(
            "system",
            "user",
            "assistant",
            "tool",
            "tool",
            "user",
            "assistant",
            "user",
            "assistant",
            "user",
            "assistant",
            "user");
    assertThat(chromium.allByTestId("msg-text").stream().map(WebElement::getText))
        .contains("order A-1042 delivered");

    chromium.byTestId("msg-more").click();
    assertThat(
            ((Number)
                    chromium.js(
                        "return Math.max(...[...document.querySelectorAll(\"[data-testid='msg-text']\")]"
                            + ".map(e => e.textContent.length))"))
                .longValue())
        .isGreaterThan(HUGE.length());
    assertThat(chromium.js("return document.querySelectorAll('a').length")).isEqualTo(1L);
    chromium.assertNothingInjected();

    chromium.allByTestId("tool-result-link").get(0).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo("lookup_order");
  }

  @Test
  void unknownShapes_fallBackToTheJsonView() throws IOException {
    openFirstGeneration();
    chromium.spanRow("legacy-model", 0).click();

    assertThat(chromium.allByTestId("conversation-input")).isEmpty();
    assertThat(chromium.byTestId("detail-input").getText())
        .contains("\"prompt\": \"not a list of messages\"");
    assertThat(chromium.byTestId("detail-output").getText()).contains("plain text answer");
  }
}
