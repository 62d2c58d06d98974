package dev.weft.viewer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-line summary of a trace file that the viewer's list shows: workflow, start, duration,
 * counts and tokens. Read with one streaming pass, which also checks that the file is complete
 * JSON.
 */
final class TraceSummary {

  static final JsonFactory JSON = JsonFactory.builder().build();

  /** Stands for the model of usage that names none (response spans carry no model). */
  static final String UNKNOWN_MODEL = "";

  /**
   * The names under which a usage object counts cached input tokens: Weft's instrumentations write
   * {@code cached_tokens}; Anthropic's usage says {@code cache_read_input_tokens}.
   */
  static final java.util.Set<String> CACHED_KEYS =
      java.util.Set.of("cached_tokens", "cache_read_input_tokens");

  String traceId;
  String workflow;
  String groupId;
  String startedAt;
  String endedAt;
  long startMicros = Long.MAX_VALUE;
  long endMicros = Long.MIN_VALUE;
  int spans;
  int errors;
  long inputTokens;
  long outputTokens;

  /** Span types, names and error messages, for the page's search. */
  final SpanFacets facets = new SpanFacets();

  /**
   * Tokens per model, {input, output, cached input}; sorted so entries are written the same every
   * time.
   */
  final Map<String, long[]> tokensByModel = new TreeMap<>();

  private TraceSummary() {}

  /**
   * Reads the summary of a trace file's bytes.
   *
   * @throws IOException when the bytes are not one complete JSON object, for example the file of a
   *     process that died while writing it
   */
  static TraceSummary parse(byte[] traceFileJson) throws IOException {
    TraceSummary summary = new TraceSummary();
    long spanStartMin = Long.MAX_VALUE;
    long spanEndMax = Long.MIN_VALUE;
    try (JsonParser p = JSON.createParser(traceFileJson)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("trace".equals(field) && value == JsonToken.START_OBJECT) {
          summary.readTrace(p);
        } else if ("spans".equals(field) && value == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
              p.skipChildren();
              continue;
            }
            long[] times = summary.readSpan(p);
            spanStartMin = Math.min(spanStartMin, times[0]);
            spanEndMax = Math.max(spanEndMax, times[1]);
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "content after the end of the trace object");
      }
    }
    if (summary.startMicros == Long.MAX_VALUE) {
      summary.startMicros = spanStartMin;
    }
    if (summary.endMicros == Long.MIN_VALUE) {
      summary.endMicros = spanEndMax;
    }
    return summary;
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected)
      throws JsonParseException {
    if (actual != expected) {
      throw new JsonParseException(p, "expected " + expected + " but found " + actual);
    }
  }

  private void readTrace(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> traceId = text(p);
        case "workflow_name" -> workflow = text(p);
        case "group_id" -> groupId = text(p);
        case "started_at" -> {
          startedAt = text(p);
          startMicros = micros(startedAt, Long.MAX_VALUE);
        }
        case "ended_at" -> {
          endedAt = text(p);
          endMicros = micros(endedAt, Long.MIN_VALUE);
        }
        default -> p.skipChildren();
      }
    }
  }

  /** Reads one span object and returns its {start, end} in microseconds (sentinels if absent). */
  private long[] readSpan(JsonParser p) throws IOException {
    spans++;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    SpanFacts facts = null;
    String metadataModel = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "started_at" -> start = micros(text(p), Long.MAX_VALUE);
        case "ended_at" -> end = micros(text(p), Long.MIN_VALUE);
        case "error" -> {
          if (value != JsonToken.VALUE_NULL) {
            errors++;
          }
          facets.addError(value == JsonToken.START_OBJECT ? readMessage(p) : text(p));
        }
        case "span_data" -> {
          if (value == JsonToken.START_OBJECT) {
            facts = readSpanData(p);
          } else {
            p.skipChildren();
          }
        }
        case "metadata" -> {
          if (value == JsonToken.START_OBJECT) {
            metadataModel = readModel(p);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    facets.addSpan(facts == null ? null : facts.type, facts == null ? null : facts.name);
    SpanUsage usage = facts == null ? null : facts.usage;
    if (usage != null) {
      // Response spans name their model in the span's metadata, not in their data.
      String model = usage.model != null ? usage.model : metadataModel;
      inputTokens += usage.in;
      outputTokens += usage.out;
      long[] perModel =
          tokensByModel.computeIfAbsent(model == null ? UNKNOWN_MODEL : model, k -> new long[3]);
      perModel[0] += usage.in;
      perModel[1] += usage.out;
      perModel[2] += usage.cached;
    }
    return new long[] {start, end};
  }

  /** The usage of one generation or response span. */
  private record SpanUsage(String model, long in, long out, long cached) {}

  /**
   * What one span's data says: its type (task and turn given back their own), the name the search
   * finds it by, and its usage when it is a model call that has usage.
   */
  private record SpanFacts(String type, String name, SpanUsage usage) {}

  private static String readMessage(JsonParser p) throws IOException {
    String message = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("message".equals(field)) {
        message = text(p);
      } else {
        p.skipChildren();
      }
    }
    return message;
  }

  private static String readModel(JsonParser p) throws IOException {
    String model = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("model".equals(field)) {
        model = text(p);
      } else {
        p.skipChildren();
      }
    }
    return model;
  }

  /** Reads a span's data. */
  private static SpanFacts readSpanData(JsonParser p) throws IOException {
    String type = null;
    String name = null;
    String[] custom = null;
    String model = null;
    long in = 0;
    long out = 0;
    long cached = 0;
    boolean hasUsage = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("type".equals(field)) {
        type = text(p);
      } else if ("name".equals(field) || "server".equals(field)) {
        name = text(p);
      } else if ("data".equals(field) && value == JsonToken.START_OBJECT) {
        custom = readSdkType(p);
      } else if ("model".equals(field)) {
        model = text(p);
      } else if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
        hasUsage = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken count = p.nextToken();
          if (count.isNumeric() && "input_tokens".equals(key)) {
            in = Math.max(0, p.getValueAsLong());
          } else if (count.isNumeric() && "output_tokens".equals(key)) {
            out = Math.max(0, p.getValueAsLong());
          } else if (count.isNumeric() && CACHED_KEYS.contains(key)) {
            cached = Math.max(cached, p.getValueAsLong());
          } else if (count == JsonToken.START_OBJECT && "input_tokens_details".equals(key)) {
            cached = Math.max(cached, readCached(p));
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    if ("custom".equals(type) && custom != null && custom[0] != null) {
      type = custom[0];
      name = custom[1] != null ? custom[1] : name;
    } else if (name == null && "generation".equals(type)) {
      name = model;
    }
    // Task and turn usage (exported as custom) repeats that of the generations inside them.
    boolean modelCall = "generation".equals(type) || "response".equals(type);
    return new SpanFacts(
        type, name, hasUsage && modelCall ? new SpanUsage(model, in, out, cached) : null);
  }

  /**
   * Reads a custom span's data: {sdk type, name} of a task or turn span exported as custom, or
   * {null, null} for any other.
   */
  private static String[] readSdkType(JsonParser p) throws IOException {
    String sdkType = null;
    String name = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("sdk_span_type".equals(field)) {
        sdkType = text(p);
      } else if ("name".equals(field)) {
        name = text(p);
      } else {
        p.skipChildren();
      }
    }
    boolean taskOrTurn = "task".equals(sdkType) || "turn".equals(sdkType);
    return new String[] {taskOrTurn ? sdkType : null, taskOrTurn ? name : null};
  }

  private static long readCached(JsonParser p) throws IOException {
    long cached = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken count = p.nextToken();
      if (count.isNumeric() && "cached_tokens".equals(key)) {
        cached = Math.max(0, p.getValueAsLong());
      } else {
        p.skipChildren();
      }
    }
    return cached;
  }

  private static String text(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return token == null || token == JsonToken.VALUE_NULL || token.isStructStart()
        ? null
        : p.getText();
  }

  private static long micros(String iso, long absent) {
    if (iso == null) {
      return absent;
    }
    long written = writtenFormMicros(iso);
    if (written != Long.MIN_VALUE) {
      return written;
    }
    try {
      Instant instant = Instant.parse(iso);
      return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    } catch (DateTimeParseException e) {
      return absent;
    }
  }

  /**
   * Reads a time in the one form the trace-file writer uses, {@code 2026-11-21T19:36:01.000412Z},
   * without a date-time formatter, which costs more than the rest of a trace's summary; returns
   * {@code Long.MIN_VALUE} for any other text, which is left to {@link Instant#parse}.
   */
  private static long writtenFormMicros(String iso) {
    if (iso.length() != 27
        || iso.charAt(4) != '-'
        || iso.charAt(7) != '-'
        || iso.charAt(10) != 'T'
        || iso.charAt(13) != ':'
        || iso.charAt(16) != ':'
        || iso.charAt(19) != '.'
        || iso.charAt(26) != 'Z') {
      return Long.MIN_VALUE;
    }
    int year = digits(iso, 0, 4);
    int month = digits(iso, 5, 7);
    int day = digits(iso, 8, 10);
    int hour = digits(iso, 11, 13);
    int minute = digits(iso, 14, 16);
    int second = digits(iso, 17, 19);
    int fraction = digits(iso, 20, 26);
    if ((year | month | day | hour | minute | second | fraction) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return Long.MIN_VALUE;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return ((epochDay * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + fraction;
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Milliseconds from the first start to the last end, or -1 when either is unknown. */
  double durationMillis() {
    if (startMicros == Long.MAX_VALUE || endMicros == Long.MIN_VALUE) {
      return -1;
    }
    return Math.max(0, endMicros - startMicros) / 1000.0;
  }

  /**
   * The index entry for this trace as JSON, safe to embed in a script, naming the data script in
   * {@code weft-data/} that holds the trace, or none.
   */
  String toEntryJson(String id, String fileName, String dataScript) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("file", fileName);
      if (dataScript != null) {
        g.writeStringField("data", dataScript);
      }
      g.writeStringField("workflow", workflow);
      g.writeStringField("group_id", groupId);
      g.writeStringField(
          "started_at", startedAt != null ? startedAt : isoOrNull(startMicros, Long.MAX_VALUE));
      g.writeStringField(
          "ended_at", endedAt != null ? endedAt : isoOrNull(endMicros, Long.MIN_VALUE));
      g.writeNumberField("duration_ms", durationMillis());
      g.writeNumberField("spans", spans);
      g.writeNumberField("errors", errors);
      g.writeNumberField("input_tokens", inputTokens);
      g.writeNumberField("output_tokens", outputTokens);
      g.writeObjectFieldStart("models");
      for (Map.Entry<String, long[]> e : tokensByModel.entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        g.writeNumber(e.getValue()[0]);
        g.writeNumber(e.getValue()[1]);
        g.writeNumber(e.getValue()[2]);
        g.writeEndArray();
      }
      g.writeEndObject();
      facets.writeFields(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ScriptJson.escape(out.toString());
  }

  /** The index entry of a trace file that could not be read, as JSON safe to embed in a script. */
  static String unreadableEntryJson(String id, String fileName, String reason) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("file", fileName);
      g.writeStringField("unreadable", reason);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ScriptJson.escape(out.toString());
  }

  private static String isoOrNull(long micros, long absent) {
    if (micros == absent) {
      return null;
    }
    return Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
        .toString();
  }
}
