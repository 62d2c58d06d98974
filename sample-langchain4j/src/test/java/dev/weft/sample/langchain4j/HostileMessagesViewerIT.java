package dev.weft.sample.langchain4j;

import static dev.weft.sample.langchain4j.HostileSupportDesk.LONG_TEXT;
import static dev.weft.sample.langchain4j.HostileSupportDesk.MARKUP;
import static dev.weft.sample.langchain4j.HostileSupportDesk.NOTE;
import static dev.weft.sample.langchain4j.HostileSupportDesk.SCRIPT_LINK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.viewer.Chromium;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Hostile text in the messages of a real run, {@link HostileSupportDesk} under the agent, shown by
 * the viewer in a real headless Chromium: the customer's markup, script link and long text, and the
 * tool's script element, read as text in the conversation and the tool span, and nothing runs.
 */
class HostileMessagesViewerIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path traces;
  private static JsonNode trace;
  private static Path page;
  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @BeforeAll
  static void runTheDeskAndOpenTheViewer() throws Exception {
    String testClasses =
        Path.of(
                HostileSupportDesk.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    String out =
        TracedRun.traced(
            traces,
            // Captured values are cut at 16,384 characters by default; the viewer's own cut of
            // long messages is what is tested here.
            List.of("-Dweft.capture.max-chars=100000"),
            "-cp",
            TracedRun.SAMPLE_JAR + File.pathSeparator + testClasses,
            HostileSupportDesk.class.getName());
    assertThat(out).contains("Assistant: ");
    try (Stream<Path> listing = Files.list(traces)) {
      List<Path> files = listing.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(files).hasSize(1);
      trace = JSON.readTree(files.get(0).toFile());
    }
    page = TracedRun.viewerPage(traces);
  }

  @Test
  void theRunRecordedTheHostileTextWhole() {
    JsonNode firstCall = spans("generation").get(0).at("/span_data/input").get(1).path("content");
    assertThat(firstCall.asText()).contains(MARKUP).contains(SCRIPT_LINK).endsWith(LONG_TEXT);
    assertThat(spans("function").get(0).at("/span_data/output").asText()).endsWith(NOTE);
  }

  @Test
  void customerMessage_showsItsMarkupAndLinkAsText_andItsLongTextBehindAControl() {
    openTrace();
    chromium.spanRow("gpt-4.1-mini", 0).click();

    List<WebElement> input = messages("conversation-input");
    assertThat(input)
        .extracting(m -> m.getAttribute("data-role"))
        .containsExactly("system", "user");
    WebElement user = input.get(1);
    assertThat(user.getText()).contains("Where is my order 1234? " + MARKUP + " " + SCRIPT_LINK);
    assertThat(user.getText().length()).isLessThan(LONG_TEXT.length());
    WebElement more = user.findElement(By.cssSelector("[data-testid='msg-more']"));
    assertThat(more.getText()).startsWith("show all ");
    more.click();
    WebElement text = user.findElement(By.cssSelector("[data-testid='msg-text']"));
    assertThat((String) chromium.js("return arguments[0].textContent", text))
        .startsWith("Where is my order 1234? " + MARKUP)
        .endsWith(LONG_TEXT);
    assertNothingRan();
  }

  @Test
  void toolOutputWithAScriptElement_isTextInTheToolSpanAndInTheNextModelCall() {
    openTrace();
    chromium.spanRow("orderNotes", 0).click();
    assertThat(chromium.byTestId("detail-output").getText()).contains(NOTE);

    chromium.spanRow("gpt-4.1-mini", 1).click();
    WebElement toolMessage =
        messages("conversation-input").stream()
            .filter(m -> "tool".equals(m.getAttribute("data-role")))
            .findFirst()
            .orElseThrow();
    assertThat(toolMessage.getText()).contains(NOTE);
    assertThat(messages("conversation-output").get(0).getText())
        .contains("Based on the tools: order 1234: " + NOTE);
    toolMessage.findElement(By.cssSelector("[data-testid='tool-result-link']")).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo("orderNotes");
    assertNothingRan();
  }

  @Test
  void searchForTheHostileText_findsTheTraceAndRunsNothing() {
    chromium.open(page, null);
    WebElement filter = chromium.byTestId("trace-filter");
    filter.sendKeys("text:\"onerror=\" \"javascript:window\"");
    chromium.waitFor(() -> !chromium.byTestId("list-status").getText().contains("searching"));
    assertThat(chromium.listedWorkflows()).containsExactly("Assistant");
    assertNothingRan();
  }

  private static void openTrace() {
    chromium.open(page, null);
    chromium.openTrace(trace.at("/trace/id").asText());
  }

  private static void assertNothingRan() {
    chromium.assertNothingInjected();
    assertThat(chromium.js("return document.querySelectorAll('a[href^=\"javascript:\"]').length"))
        .isEqualTo(0L);
    assertThat(chromium.js("return document.querySelectorAll('[onerror]').length")).isEqualTo(0L);
  }

  private static List<WebElement> messages(String conversation) {
    return chromium.byTestId(conversation).findElements(By.cssSelector("[data-testid='msg']"));
  }

  private static List<JsonNode> spans(String type) {
    List<JsonNode> found = new java.util.ArrayList<>();
    trace
        .path("spans")
        .forEach(
            span -> {
              if (span.at("/span_data/type").asText().equals(type)) {
                found.add(span);
              }
            });
    return found;
  }
}
