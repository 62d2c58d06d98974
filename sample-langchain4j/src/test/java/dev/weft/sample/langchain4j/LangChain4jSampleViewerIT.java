package dev.weft.sample.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.viewer.Chromium;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The viewer on the traces of a real run of the LangChain4j sample under the agent, as a user sees
 * them in a real headless Chromium after {@code java -jar weft-agent.jar view <folder>}: the tool
 * loop of a model call read as a conversation, the search kept in the address, and costs, all with
 * no price configured (the sample asks for {@code gpt-4.1-mini} and the model reports token usage).
 */
class LangChain4jSampleViewerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NON_ZERO_DOLLARS = Pattern.compile("\\$0\\.0*[1-9]\\d*");

  @TempDir static Path traces;
  private static Path page;
  private static List<JsonNode> files;
  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @BeforeAll
  static void runTheSampleAndOpenTheViewer() throws Exception {
    String out = TracedRun.traced(traces, List.of(), "-jar", TracedRun.SAMPLE_JAR.toString());
    assertThat(out).contains("Model: scripted, offline").contains("Assistant: Based on the tools:");
    files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(traces)) {
      for (Path file : listing.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        files.add(JSON.readTree(file.toFile()));
      }
    }
    assertThat(files).hasSize(4);
    page = TracedRun.viewerPage(traces);
    assertThat(page).isRegularFile();
  }

  @Test
  void summaryAndTraceList_showANonZeroCost_withNoPriceConfigured() throws Exception {
    String summary = TracedRun.weft("summary", traces.toString());
    List<String> costRows =
        summary.lines().filter(line -> line.strip().matches("cost {2,}.*")).toList();
    assertThat(costRows)
        .as(summary)
        .hasSize(4)
        .allSatisfy(
            row -> assertThat(row).containsPattern(NON_ZERO_DOLLARS).doesNotContain("unpriced"));

    chromium.open(page, null);
    List<WebElement> costs = chromium.allByTestId("cell-cost");
    assertThat(costs).hasSize(4);
    assertThat(costs).allSatisfy(cell -> assertThat(cell.getText()).matches(NON_ZERO_DOLLARS));
  }

  @Test
  void modelCallOfTheToolLoop_readsAsAConversation_andItsToolCallsOpenTheToolSpans() {
    String traceId = traceWithTools("Assistant");
    chromium.open(page, null);
    chromium.openTrace(traceId);
    chromium.spanRow("gpt-4.1-mini", 0).click();

    List<WebElement> input = messages("conversation-input");
    assertThat(input)
        .extracting(m -> m.getAttribute("data-role"))
        .containsExactly("system", "user");
    assertThat(input.get(0).getText()).contains("You are the support desk of an online shop.");
    assertThat(input.get(1).getText()).contains("Where is my order 1234, and how long to Paris?");
    assertThat(messages("conversation-output"))
        .extracting(m -> m.getAttribute("data-role"))
        .containsExactly("assistant");
    List<WebElement> calls = chromium.allByTestId("tool-call");
    assertThat(calls)
        .extracting(c -> c.getAttribute("data-tool"))
        .containsExactlyInAnyOrder("orderStatus", "deliveryDays");
    WebElement orderCall = call(calls, "orderStatus");
    assertThat(orderCall.getText()).contains("\"orderNumber\": \"1234\"");

    orderCall.findElement(By.cssSelector("[data-testid='tool-call-link']")).click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo("orderStatus");
    assertThat(chromium.byTestId("detail-output").getText())
        .contains("order 1234 shipped on Monday");
    assertThat(chromium.driver.getCurrentUrl()).contains("span=");

    // The second model call sees the tool results, each naming the span that produced it.
    chromium.spanRow("gpt-4.1-mini", 1).click();
    assertThat(messages("conversation-input"))
        .extracting(m -> m.getAttribute("data-role"))
        .containsExactly("system", "user", "assistant", "tool", "tool");
    WebElement result =
        chromium.allByTestId("tool-result-link").stream()
            .filter(link -> link.getText().equals("result of deliveryDays"))
            .findFirst()
            .orElseThrow();
    result.click();
    assertThat(chromium.byTestId("detail-name").getText()).isEqualTo("deliveryDays");
    chromium.assertNothingInjected();
  }

  @Test
  void searchInTheAddress_narrowsTheList_byTypeNumbersAndCost() {
    chromium.open(page, "q=" + encode("type:function"));
    chromium.waitFor(() -> chromium.allByTestId("trace-row").size() == 2);
    assertThat(chromium.listedWorkflows())
        .containsExactlyInAnyOrder("Assistant", "StreamingAssistant");
    assertThat(chromium.byTestId("list-status").getText()).isEqualTo("2 of 4 traces");

    // The thank-you turn is the one trace without a tool loop: its agent and one model call.
    assertThat(search("spans < 3 and model:gpt-4.1-mini")).containsExactly("Assistant");
    assertThat(chromium.driver.getCurrentUrl())
        .endsWith("#q=" + encode("spans < 3 and model:gpt-4.1-mini"));
    assertThat(search("type:function and cost > 0")).hasSize(2);
    assertThat(search("cost > 1")).isEmpty();
    assertThat(search("-type:function tokens_in > 0"))
        .containsExactlyInAnyOrder("Assistant", "replyWriter");
  }

  /** Types a filter and waits until the list has settled. */
  private static List<String> search(String filter) {
    WebElement input = chromium.byTestId("trace-filter");
    input.clear();
    input.sendKeys(filter);
    chromium.waitFor(() -> !chromium.byTestId("list-status").getText().contains("searching"));
    return chromium.listedWorkflows();
  }

  private static String encode(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static List<WebElement> messages(String conversation) {
    return chromium.byTestId(conversation).findElements(By.cssSelector("[data-testid='msg']"));
  }

  private static WebElement call(List<WebElement> calls, String tool) {
    return calls.stream()
        .filter(c -> tool.equals(c.getAttribute("data-tool")))
        .findFirst()
        .orElseThrow();
  }

  /** The id of the trace of {@code workflow} that ran tools. */
  private static String traceWithTools(String workflow) {
    for (JsonNode file : files) {
      boolean ranTools = false;
      for (JsonNode span : file.path("spans")) {
        ranTools |= span.at("/span_data/type").asText().equals("function");
      }
      if (ranTools && file.at("/trace/workflow_name").asText().equals(workflow)) {
        return file.at("/trace/id").asText();
      }
    }
    throw new AssertionError("no trace of " + workflow + " with tools");
  }
}
