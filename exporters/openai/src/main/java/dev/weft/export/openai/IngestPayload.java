package dev.weft.export.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.data.SpanType;
import dev.weft.tracefile.TraceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trace and span objects of ingest requests, each shaped as the OpenAI Agents SDK sends it:
 * only the keys of {@link IngestShape} for its type, an {@code input} or {@code output} longer than
 * {@value #MAX_FIELD_BYTES} bytes of JSON cut to a string ending in {@value #TRUNCATION_SUFFIX},
 * and generation usage with {@code input_tokens} and {@code output_tokens} on top and every other
 * count under {@code usage.details}.
 */
final class IngestPayload {
  /** The largest {@code input} or {@code output}, in bytes of UTF-8 JSON. */
  static final int MAX_FIELD_BYTES = 100_000;

  /** What a cut value ends with. */
  static final String TRUNCATION_SUFFIX = "... [truncated]";

  /** What a trace object is called in logs, where spans go by their type. */
  static final String TRACE_KIND = "trace";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
  private static final byte[] BODY_START = "{\"data\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY_END = "]}".getBytes(StandardCharsets.UTF_8);

  private IngestPayload() {}

  /**
   * One trace or span object as sent.
   *
   * @param kind {@value #TRACE_KIND}, or the span's type as Weft names it ({@code task}, {@code
   *     generation}, …)
   * @param json the object's UTF-8 JSON
   */
  record Item(String kind, byte[] json) {}

  /** Returns a trace record or a span as the object the endpoint accepts. */
  static Item item(Object record) throws IOException {
    if (record instanceof TraceRecord trace) {
      ObjectNode node = (ObjectNode) MAPPER.readTree(TraceJson.traceToString(trace, false));
      IngestShape.TRACE.retain(node);
      return new Item(TRACE_KIND, MAPPER.writeValueAsBytes(node));
    }
    SpanRecord span = (SpanRecord) record;
    SpanType type = SpanType.of(span.data());
    ObjectNode node = (ObjectNode) MAPPER.readTree(TraceJson.spanToString(span));
    if (node.get("span_data") instanceof ObjectNode data) {
      truncateFields(data);
      if (type == SpanType.GENERATION && data.has("usage")) {
        data.set("usage", normalizeUsage(data.get("usage")));
      }
    }
    IngestShape.span(type).retain(node);
    return new Item(type.typeName(), MAPPER.writeValueAsBytes(node));
  }

  /** Returns the body {@code {"data":[…]}} of items, in the given order. */
  static byte[] body(List<Item> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bodyBytes(items));
    out.writeBytes(BODY_START);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(items.get(i).json());
    }
    out.writeBytes(BODY_END);
    return out.toByteArray();
  }

  /** Returns the length of the body of items without writing it. */
  static int bodyBytes(List<Item> items) {
    long bytes = BODY_START.length + BODY_END.length + Math.max(0, items.size() - 1);
    for (Item item : items) {
      bytes += item.json().length;
    }
    return (int) Math.min(bytes, Integer.MAX_VALUE);
  }

  /** Returns whether an item fits in a request of at most {@code maxBodyBytes} bytes on its own. */
  static boolean fitsAlone(Item item, int maxBodyBytes) {
    return BODY_START.length + BODY_END.length + (long) item.json().length <= maxBodyBytes;
  }

  /**
   * Splits items, in order, into the fewest consecutive groups whose bodies each take at most
   * {@code maxBodyBytes} bytes; every item must {@link #fitsAlone fit alone}.
   */
  static List<List<Item>> split(List<Item> items, int maxBodyBytes) {
    List<List<Item>> groups = new ArrayList<>();
    List<Item> group = new ArrayList<>();
    long bytes = BODY_START.length + BODY_END.length;
    for (Item item : items) {
      long added = item.json().length + (group.isEmpty() ? 0 : 1);
      if (!group.isEmpty() && bytes + added > maxBodyBytes) {
        groups.add(group);
        group = new ArrayList<>();
        bytes = BODY_START.length + BODY_END.length;
        added = item.json().length;
      }
      group.add(item);
      bytes += added;
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  private static void truncateFields(ObjectNode data) throws IOException {
    for (String field : new String[] {"input", "output"}) {
      JsonNode value = data.get(field);
      if (value != null && !value.isNull() && valueBytes(value) > MAX_FIELD_BYTES) {
        data.set(field, TextNode.valueOf(truncate(value)));
      }
    }
  }

  /** Moves every count other than input and output tokens under {@code details}. */
  private static JsonNode normalizeUsage(JsonNode usage) {
    if (!(usage instanceof ObjectNode object)) {
      return usage;
    }
    ObjectNode normalized = MAPPER.createObjectNode();
    ObjectNode details = MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (IngestShape.GENERATION_USAGE_COUNTS.contains(e.getKey())) {
        normalized.set(e.getKey(), e.getValue());
      } else if (e.getKey().equals("details") && e.getValue() instanceof ObjectNode nested) {
        details.setAll(nested);
      } else {
        details.set(e.getKey(), e.getValue());
      }
    }
    if (!details.isEmpty()) {
      normalized.set("details", details);
    }
    return normalized;
  }

  /**
   * Cuts a value to the longest prefix of its text (the string itself, or the JSON of anything
   * else) that, with the suffix, stays within the limit: the prefix's JSON gets the limit less the
   * suffix's JSON, quotes included, as the reference SDK does.
   */
  static String truncate(JsonNode value) throws IOException {
    String text = value.isTextual() ? value.textValue() : MAPPER.writeValueAsString(value);
    long budget = MAX_FIELD_BYTES - jsonBytes(TRUNCATION_SUFFIX, true);
    long used = 2;
    int end = 0;
    while (end < text.length()) {
      char c = text.charAt(end);
      boolean pair =
          Character.isHighSurrogate(c)
              && end + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(end + 1));
      long cost = pair ? 4 : charBytes(c);
      if (used + cost > budget) {
        break;
      }
      used += cost;
      end += pair ? 2 : 1;
    }
    return text.substring(0, end) + TRUNCATION_SUFFIX;
  }

  private static long valueBytes(JsonNode value) throws IOException {
    return value.isTextual()
        ? jsonBytes(value.textValue(), true)
        : jsonBytes(MAPPER.writeValueAsString(value), false);
  }

  /**
   * Returns the UTF-8 length of {@code text}, written as a JSON string (escapes and quotes) when
   * {@code asString}, else as it is.
   */
  static long jsonBytes(String text, boolean asString) {
    long bytes = asString ? 2 : 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += asString ? charBytes(c) : utf8Bytes(c);
      }
    }
    return bytes;
  }

  /** Returns the bytes one char takes inside a JSON string as Jackson writes it. */
  private static int charBytes(char c) {
    if (c == '"' || c == '\\') {
      return 2;
    }
    if (c < 0x20) {
      return c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
    }
    return utf8Bytes(c);
  }

  private static int utf8Bytes(char c) {
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800) {
      return 2;
    }
    // A lone surrogate is written as the replacement character.
    return 3;
  }
}
