package dev.weft.export.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the endpoint refused a request with HTTP 400, for one log line: the {@code error.message} of
 * its answer ({@code {"error":{"message","type","param","code"}}}), cut to {@value #MAX_REASON}
 * characters, and the kinds of the items concerned. When {@code error.param} or the message names
 * an item ({@code data[2].span_data.usage.total_tokens}), that item's kind is the offender;
 * otherwise the kinds of every item of the request are given.
 */
final class IngestRejection {
  /** The longest reason written to the log, in characters. */
  static final int MAX_REASON = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern ITEM = Pattern.compile("data\\[(\\d+)]");

  private final String reason;
  private final Set<String> kinds;

  private IngestRejection(String reason, Set<String> kinds) {
    this.reason = reason;
    this.kinds = kinds;
  }

  /** Reads the answer to a request of {@code items}. */
  static IngestRejection of(String responseBody, List<IngestPayload.Item> items) {
    String message = null;
    String param = null;
    try {
      JsonNode error = MAPPER.readTree(responseBody == null ? "" : responseBody).path("error");
      message = error.path("message").isTextual() ? error.path("message").asText() : null;
      param = error.path("param").isTextual() ? error.path("param").asText() : null;
    } catch (Exception e) {
      // Not the API's error format (a proxy's page, say): the reason stays unknown.
    }
    Set<String> kinds = new LinkedHashSet<>();
    Integer index = itemIndex(param);
    if (index == null) {
      index = itemIndex(message);
    }
    if (index != null && index < items.size()) {
      kinds.add(items.get(index).kind());
    } else {
      items.forEach(item -> kinds.add(item.kind()));
    }
    return new IngestRejection(bounded(message), kinds);
  }

  private static Integer itemIndex(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = ITEM.matcher(text);
    if (!m.find()) {
      return null;
    }
    try {
      return Integer.valueOf(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String bounded(String message) {
    if (message == null || message.isBlank()) {
      return "no error message";
    }
    String oneLine = message.replaceAll("\\s+", " ").trim();
    return oneLine.length() > MAX_REASON ? oneLine.substring(0, MAX_REASON) + "..." : oneLine;
  }

  /** Returns the reason, bounded; the same for the same fault in any item of any request. */
  String reason() {
    return reason;
  }

  /** Returns the kinds of the offending items: one when the answer names it, else all. */
  Set<String> kinds() {
    return kinds;
  }

  /**
   * Returns the reason with item numbers left out, so one fault repeated in many requests is said
   * once.
   */
  String fault() {
    return ITEM.matcher(reason).replaceAll("data[]");
  }
}
