package dev.weft.export.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.tracefile.TraceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The body of one ingest request, {@code {"data":[trace and span objects]}}, with the changes the
 * OpenAI Agents SDK makes before it sends: an {@code input} or {@code output} longer than {@value
 * #MAX_FIELD_BYTES} bytes of JSON is cut to a string ending in {@value #TRUNCATION_SUFFIX};
 * generation usage keeps {@code input_tokens} and {@code output_tokens} on top and moves every
 * other count under {@code usage.details}; other span types lose {@code usage}.
 *
 * <p>Most spans need none of this, so a span is written as Weft's contract JSON and only parsed
 * into a tree when one of the rules applies.
 */
final class IngestPayload {
  /** The largest {@code input} or {@code output}, in bytes of UTF-8 JSON. */
  static final int MAX_FIELD_BYTES = 100_000;

  /** What a cut value ends with. */
  static final String TRUNCATION_SUFFIX = "... [truncated]";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private IngestPayload() {}

  /** Returns the UTF-8 body for trace records and spans, in the given order. */
  static byte[] write(List<Object> items) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * items.size() + 16);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (Object item : items) {
        if (item instanceof TraceRecord trace) {
          g.writeRawValue(TraceJson.traceToString(trace, false));
        } else {
          writeSpan(g, (SpanRecord) item);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void writeSpan(JsonGenerator g, SpanRecord span) throws IOException {
    String json = TraceJson.spanToString(span);
    if (!needsUsageChange(span) && jsonBytes(json, false) <= MAX_FIELD_BYTES) {
      g.writeRawValue(json);
      return;
    }
    ObjectNode node = (ObjectNode) MAPPER.readTree(json);
    JsonNode spanData = node.get("span_data");
    if (spanData instanceof ObjectNode data) {
      sanitize(data);
    }
    MAPPER.writeTree(g, node);
  }

  private static boolean needsUsageChange(SpanRecord span) {
    Object data = span.data();
    return (data instanceof GenerationSpanData generation
            && generation.usage() != null
            && !generation.usage().details().isEmpty())
        || data instanceof ResponseSpanData;
  }

  private static void sanitize(ObjectNode data) throws IOException {
    for (String field : new String[] {"input", "output"}) {
      JsonNode value = data.get(field);
      if (value != null && !value.isNull() && valueBytes(value) > MAX_FIELD_BYTES) {
        data.set(field, TextNode.valueOf(truncate(value)));
      }
    }
    if (!data.has("usage")) {
      return;
    }
    if ("generation".equals(data.path("type").asText())) {
      data.set("usage", normalizeUsage(data.get("usage")));
    } else {
      data.remove("usage");
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
      if (e.getKey().equals("input_tokens") || e.getKey().equals("output_tokens")) {
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
