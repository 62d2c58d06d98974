package dev.weft.tracefile;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import dev.weft.ReadableSpan;
import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.data.AgentSpanData;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.SpeechGroupSpanData;
import dev.weft.data.SpeechSpanData;
import dev.weft.data.TaskSpanData;
import dev.weft.data.TranscriptionSpanData;
import dev.weft.data.TurnSpanData;
import dev.weft.data.Usage;
import dev.weft.internal.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes traces and spans in the wire format of the OpenAI Agents SDK: the exact keys, in the exact
 * order, of the public contract. Every exporter writes through here.
 */
public final class TraceJson {
  /** The shared factory; thread-safe. */
  static final JsonFactory FACTORY = new JsonFactory();

  // Longer text is escaped in segments by the generator instead of being copied whole first.
  private static final int MAX_TEXT_AS_BYTES = 64 * 1024;

  private TraceJson() {}

  /**
   * Writes a trace object, {@code {"object":"trace","id","workflow_name","group_id","metadata"}},
   * followed by {@code started_at} and {@code ended_at} when {@code withTimes} is set.
   */
  static void writeTrace(JsonGenerator g, TraceRecord trace, boolean withTimes) throws IOException {
    writeTrace(g, trace, withTimes, new Scratch());
  }

  private static void writeTrace(
      JsonGenerator g, TraceRecord trace, boolean withTimes, Scratch scratch) throws IOException {
    g.writeStartObject();
    key(g, Names.OBJECT);
    name(g, Names.TRACE);
    // As for a span: the id of a trace the tracer made goes from its two halves into the buffer.
    byte[] id = scratch.id;
    key(g, Names.ID);
    if (!(g instanceof UTF8JsonGenerator) || !writeMade(g, trace.traceIdBytes(id), id)) {
      writeText(g, trace.traceId(), scratch);
    }
    stringField(g, scratch, Names.WORKFLOW_NAME, trace.workflowName());
    key(g, Names.GROUP_ID);
    writeValue(g, trace.groupId(), scratch);
    key(g, Names.METADATA);
    writeValue(g, trace.metadata().isEmpty() ? null : trace.metadata(), scratch);
    if (withTimes) {
      key(g, Names.STARTED_AT);
      writeTime(g, trace.startedAtMicros(), scratch);
      key(g, Names.ENDED_AT);
      writeEndTime(g, trace.endedAtMicros(), scratch);
    }
    g.writeEndObject();
  }

  /**
   * Writes a span object, {@code {"object":"trace.span","id","trace_id","parent_id","started_at",
   * "ended_at","span_data","error"}}, plus {@code metadata} when the span has any.
   */
  static void writeSpan(JsonGenerator g, ReadableSpan span) throws IOException {
    writeSpan(g, span, new Scratch());
  }

  private static void writeSpan(JsonGenerator g, ReadableSpan span, Scratch scratch)
      throws IOException {
    g.writeStartObject();
    key(g, Names.OBJECT);
    name(g, Names.TRACE_SPAN);
    // A record the tracer made has its ids as numbers: their text goes straight into the buffer,
    // and the Strings are made only for ids given as text, which are escaped as any text.
    SpanRecord record = span instanceof SpanRecord r && g instanceof UTF8JsonGenerator ? r : null;
    byte[] id = scratch.id;
    key(g, Names.ID);
    if (!writeMade(g, record == null ? -1 : record.spanIdBytes(id), id)) {
      writeText(g, span.spanId(), scratch);
    }
    key(g, Names.TRACE_ID);
    if (!writeMade(g, record == null ? -1 : record.trace().traceIdBytes(id), id)) {
      writeText(g, span.traceId(), scratch);
    }
    key(g, Names.PARENT_ID);
    if (!writeMade(g, record == null ? -1 : record.parentIdBytes(id), id)) {
      writeText(g, span.parentId(), scratch);
    }
    key(g, Names.STARTED_AT);
    writeTime(g, span.startedAtMicros(), scratch);
    key(g, Names.ENDED_AT);
    writeEndTime(g, span.endedAtMicros(), scratch);
    key(g, Names.SPAN_DATA);
    writeSpanData(g, span.data(), scratch);
    key(g, Names.ERROR);
    writeError(g, span.error(), scratch);
    Map<String, Object> metadata = span.metadata();
    if (!metadata.isEmpty()) {
      key(g, Names.METADATA);
      writeValue(g, metadata, scratch);
    }
    g.writeEndObject();
  }

  /** Writes a span error, or null. */
  static void writeError(JsonGenerator g, SpanError error) throws IOException {
    writeError(g, error, new Scratch());
  }

  private static void writeError(JsonGenerator g, SpanError error, Scratch scratch)
      throws IOException {
    if (error == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    stringField(g, scratch, Names.MESSAGE, error.message());
    key(g, Names.DATA);
    writeValue(g, error.data(), scratch);
    g.writeEndObject();
  }

  /** Writes the {@code span_data} object of one span with the keys of its type. */
  static void writeSpanData(JsonGenerator g, SpanData data) throws IOException {
    writeSpanData(g, data, new Scratch());
  }

  private static void writeSpanData(JsonGenerator g, SpanData data, Scratch scratch)
      throws IOException {
    g.writeStartObject();
    if (data instanceof AgentSpanData d) {
      type(g, Names.AGENT);
      field(g, scratch, Names.NAME, d.name());
      field(g, scratch, Names.HANDOFFS, d.handoffs());
      field(g, scratch, Names.TOOLS, d.tools());
      field(g, scratch, Names.OUTPUT_TYPE, d.outputType());
    } else if (data instanceof FunctionSpanData d) {
      type(g, Names.FUNCTION);
      field(g, scratch, Names.NAME, d.name());
      field(g, scratch, Names.INPUT, d.input());
      field(g, scratch, Names.OUTPUT, d.output());
      field(g, scratch, Names.MCP_DATA, d.mcpData());
    } else if (data instanceof GenerationSpanData d) {
      type(g, Names.GENERATION);
      field(g, scratch, Names.INPUT, d.input());
      field(g, scratch, Names.OUTPUT, d.output());
      field(g, scratch, Names.MODEL, d.model());
      field(g, scratch, Names.MODEL_CONFIG, d.modelConfig());
      key(g, Names.USAGE);
      writeUsage(g, d.usage(), scratch);
    } else if (data instanceof ResponseSpanData d) {
      type(g, Names.RESPONSE);
      field(g, scratch, Names.RESPONSE_ID, d.responseId());
      key(g, Names.USAGE);
      writeUsage(g, d.usage(), scratch);
    } else if (data instanceof HandoffSpanData d) {
      type(g, Names.HANDOFF);
      field(g, scratch, Names.FROM_AGENT, d.fromAgent());
      field(g, scratch, Names.TO_AGENT, d.toAgent());
    } else if (data instanceof CustomSpanData d) {
      type(g, Names.CUSTOM);
      field(g, scratch, Names.NAME, d.name());
      field(g, scratch, Names.DATA, d.data());
    } else if (data instanceof GuardrailSpanData d) {
      type(g, Names.GUARDRAIL);
      field(g, scratch, Names.NAME, d.name());
      booleanField(g, Names.TRIGGERED, d.triggered());
    } else if (data instanceof TranscriptionSpanData d) {
      type(g, Names.TRANSCRIPTION);
      key(g, Names.INPUT);
      g.writeStartObject();
      field(g, scratch, Names.DATA, d.inputData());
      field(g, scratch, Names.FORMAT, d.inputFormat());
      g.writeEndObject();
      field(g, scratch, Names.OUTPUT, d.output());
      field(g, scratch, Names.MODEL, d.model());
      field(g, scratch, Names.MODEL_CONFIG, d.modelConfig());
    } else if (data instanceof SpeechSpanData d) {
      type(g, Names.SPEECH);
      field(g, scratch, Names.INPUT, d.input());
      key(g, Names.OUTPUT);
      g.writeStartObject();
      field(g, scratch, Names.DATA, d.outputData());
      field(g, scratch, Names.FORMAT, d.outputFormat());
      g.writeEndObject();
      field(g, scratch, Names.MODEL, d.model());
      field(g, scratch, Names.MODEL_CONFIG, d.modelConfig());
      field(g, scratch, Names.FIRST_CONTENT_AT, d.firstContentAt());
    } else if (data instanceof SpeechGroupSpanData d) {
      type(g, Names.SPEECH_GROUP);
      field(g, scratch, Names.INPUT, d.input());
    } else if (data instanceof McpToolsSpanData d) {
      type(g, Names.MCP_TOOLS);
      field(g, scratch, Names.SERVER, d.server());
      field(g, scratch, Names.RESULT, d.result());
    } else if (data instanceof TaskSpanData d) {
      type(g, Names.CUSTOM);
      field(g, scratch, Names.NAME, "task");
      key(g, Names.DATA);
      g.writeStartObject();
      field(g, scratch, Names.SDK_SPAN_TYPE, "task");
      field(g, scratch, Names.NAME, d.name());
      if (d.usage() != null) {
        key(g, Names.USAGE);
        writeUsage(g, d.usage(), scratch);
      }
      g.writeEndObject();
    } else if (data instanceof TurnSpanData d) {
      type(g, Names.CUSTOM);
      field(g, scratch, Names.NAME, "turn");
      key(g, Names.DATA);
      g.writeStartObject();
      field(g, scratch, Names.SDK_SPAN_TYPE, "turn");
      numberField(g, Names.TURN, d.turn());
      field(g, scratch, Names.AGENT_NAME, d.agentName());
      if (d.usage() != null) {
        key(g, Names.USAGE);
        writeUsage(g, d.usage(), scratch);
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** Writes usage as {@code {"input_tokens","output_tokens",…details}}, or null. */
  static void writeUsage(JsonGenerator g, Usage usage) throws IOException {
    writeUsage(g, usage, new Scratch());
  }

  private static void writeUsage(JsonGenerator g, Usage usage, Scratch scratch) throws IOException {
    if (usage == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    numberField(g, Names.INPUT_TOKENS, usage.inputTokens());
    numberField(g, Names.OUTPUT_TOKENS, usage.outputTokens());
    for (Map.Entry<String, Object> e : usage.details().entrySet()) {
      if (!"input_tokens".equals(e.getKey()) && !"output_tokens".equals(e.getKey())) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue(), scratch);
      }
    }
    g.writeEndObject();
  }

  /**
   * Writes a captured value: null, strings, numbers, booleans, maps and collections as JSON, and
   * anything else as its text.
   */
  static void writeValue(JsonGenerator g, Object value) throws IOException {
    writeTree(g, value, new Scratch());
  }

  private static void writeValue(JsonGenerator g, Object value, Scratch scratch)
      throws IOException {
    writeTree(g, value, scratch);
  }

  private static void writeTree(JsonGenerator generator, Object tree, Scratch scratch)
      throws IOException {
    if (tree == null) {
      generator.writeNull();
    } else if (tree instanceof String s) {
      writeText(generator, s, scratch);
    } else if (tree instanceof Boolean b) {
      generator.writeBoolean(b);
    } else if (tree instanceof Number number) {
      writeNumber(generator, number);
    } else if (tree instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        writeTree(generator, entry.getValue(), scratch);
      }
      generator.writeEndObject();
    } else if (tree instanceof Collection<?> list) {
      generator.writeStartArray();
      for (Object element : list) {
        writeTree(generator, element, scratch);
      }
      generator.writeEndArray();
    } else if (tree instanceof Object[] array) {
      generator.writeStartArray();
      for (Object element : array) {
        writeTree(generator, element, scratch);
      }
      generator.writeEndArray();
    } else {
      writeText(generator, String.valueOf(tree), scratch);
    }
  }

  private static void writeNumber(JsonGenerator generator, Number number) throws IOException {
    if (number instanceof BigDecimal big) {
      generator.writeNumber(big);
    } else if (number instanceof BigInteger big) {
      generator.writeNumber(big);
    } else if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isFinite(d)) {
        generator.writeNumber(d);
      } else {
        generator.writeString(Double.toString(d));
      }
    } else if (number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte) {
      generator.writeNumber(number.longValue());
    } else {
      generator.writeString(number.toString());
    }
  }

  /** Returns one span as JSON text. */
  public static String spanToString(ReadableSpan span) {
    return write(g -> writeSpan(g, span));
  }

  /** Returns one trace object as JSON text. */
  public static String traceToString(TraceRecord trace, boolean withTimes) {
    return write(g -> writeTrace(g, trace, withTimes));
  }

  /**
   * Writes trace objects (with {@code started_at} and {@code ended_at}), then span objects, to
   * {@code out} as UTF-8 JSON lines, each ended by {@code \n}. One generator serves the whole list,
   * straight to bytes: the cost of a line is its serialisation alone.
   */
  public static void writeLines(
      OutputStream out, List<TraceRecord> traces, List<? extends ReadableSpan> spans)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      // Lines end with a break of their own; Jackson's separator would start the next with a space.
      g.setRootValueSeparator(null);
      Scratch scratch = new Scratch();
      for (TraceRecord trace : traces) {
        writeTrace(g, trace, true, scratch);
        g.writeRaw('\n');
      }
      for (ReadableSpan span : spans) {
        writeSpan(g, span, scratch);
        g.writeRaw('\n');
      }
    }
  }

  /**
   * Writes a trace file, {@code {"trace": {…, "started_at", "ended_at"}, "spans": […]}}, spans as
   * given, to {@code out} as UTF-8.
   */
  public static void writeTraceFile(
      OutputStream out, TraceRecord trace, List<? extends ReadableSpan> spans) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      writeTraceFile(g, trace, spans);
    }
  }

  /**
   * Returns a trace file's text: {@code {"trace": {…, "started_at", "ended_at"}, "spans": […]}},
   * spans as given.
   */
  public static String traceFileToString(TraceRecord trace, List<? extends ReadableSpan> spans) {
    return write(g -> writeTraceFile(g, trace, spans));
  }

  private static void writeTraceFile(
      JsonGenerator g, TraceRecord trace, List<? extends ReadableSpan> spans) throws IOException {
    g.writeStartObject();
    key(g, Names.TRACE);
    Scratch scratch = new Scratch();
    writeTrace(g, trace, true, scratch);
    key(g, Names.SPANS);
    g.writeStartArray();
    for (ReadableSpan span : spans) {
      writeSpan(g, span, scratch);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Writes a time as ISO-8601 text, without making a String of it. */
  private static void writeTime(JsonGenerator g, long micros, Scratch scratch) throws IOException {
    int length = scratch.time.format(micros);
    byte[] text = scratch.time.bytes();
    if (g instanceof UTF8JsonGenerator) {
      g.writeRawUTF8String(text, 0, length); // digits and separators: nothing to escape
    } else {
      g.writeString(new String(text, 0, length, StandardCharsets.US_ASCII));
    }
  }

  /**
   * Writes the {@code length} bytes of an id made into {@code buffer} and returns true; returns
   * false, writing nothing, for -1 (an id given as text, or none).
   */
  private static boolean writeMade(JsonGenerator g, int length, byte[] buffer) throws IOException {
    if (length < 0) {
      return false;
    }
    g.writeRawUTF8String(buffer, 0, length);
    return true;
  }

  /** Writes an end time, or null for 0 (not ended). */
  private static void writeEndTime(JsonGenerator g, long micros, Scratch scratch)
      throws IOException {
    if (micros == 0) {
      g.writeNull();
    } else {
      writeTime(g, micros, scratch);
    }
  }

  private static void type(JsonGenerator g, SerializableString type) throws IOException {
    key(g, Names.TYPE);
    name(g, type);
  }

  private static void field(JsonGenerator g, Scratch scratch, SerializableString name, Object value)
      throws IOException {
    key(g, name);
    writeValue(g, value, scratch);
  }

  /**
   * Writes one of the contract's keys from its quoted bytes, made once per key: escaping the same
   * few dozen names again for every span was a fifth of a span's serialisation, and looking them up
   * by name a tenth.
   */
  private static void key(JsonGenerator g, SerializableString name) throws IOException {
    g.writeFieldName(name);
  }

  /** Writes one of the contract's fixed values, such as a span type. */
  private static void name(JsonGenerator g, SerializableString value) throws IOException {
    g.writeString(value);
  }

  private static void stringField(
      JsonGenerator g, Scratch scratch, SerializableString name, String value) throws IOException {
    key(g, name);
    writeText(g, value, scratch);
  }

  private static void numberField(JsonGenerator g, SerializableString name, long value)
      throws IOException {
    key(g, name);
    g.writeNumber(value);
  }

  private static void booleanField(JsonGenerator g, SerializableString name, boolean value)
      throws IOException {
    key(g, name);
    g.writeBoolean(value);
  }

  /**
   * Writes a string. To a byte generator (every one made here), ASCII text is escaped by {@link
   * Scratch#escapeAscii} in one pass and goes in as it is; other text goes as its UTF-8 bytes,
   * which the generator escapes reading an array, not a character at a time through {@link
   * String#charAt}. A character outside the Basic Multilingual Plane comes out as one four-byte
   * sequence, and an unpaired surrogate as {@code ?}.
   */
  private static void writeText(JsonGenerator g, String text, Scratch scratch) throws IOException {
    if (text == null) {
      g.writeNull();
    } else if (g instanceof UTF8JsonGenerator && text.length() <= MAX_TEXT_AS_BYTES) {
      int length = scratch.escapeAscii(text);
      if (length >= 0) {
        g.writeRawUTF8String(scratch.text, 0, length);
      } else {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        g.writeUTF8String(bytes, 0, bytes.length);
      }
    } else {
      g.writeString(text);
    }
  }

  /** What one writer reuses from record to record: the text of times, ids and strings. */
  private static final class Scratch {
    // How each ASCII character is written in a JSON string, as the generator would write it: 0 as
    // it is, a letter after a backslash, or -1 as a backslash, u and four hex digits.
    private static final byte[] ESCAPES = new byte[128];
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    static {
      for (int c = 0; c < 0x20; c++) {
        ESCAPES[c] = -1;
      }
      ESCAPES['\b'] = 'b';
      ESCAPES['\t'] = 't';
      ESCAPES['\n'] = 'n';
      ESCAPES['\f'] = 'f';
      ESCAPES['\r'] = 'r';
      ESCAPES['"'] = '"';
      ESCAPES['\\'] = '\\';
    }

    final Timestamps.Text time = new Timestamps.Text();
    // Room for an id as the tracer makes them; longer ones are written as any text.
    final byte[] id = new byte[64];
    // The escaped bytes of the last string, grown as longer strings come.
    byte[] text = new byte[256];

    /**
     * Escapes {@code value} into {@link #text} and returns the length, or -1 when it holds a
     * character beyond ASCII.
     */
    int escapeAscii(String value) {
      int length = value.length();
      byte[] out = room(length);
      int end = 0;
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        if (c >= 0x80) {
          return -1;
        }
        byte escape = ESCAPES[c];
        if (escape == 0) {
          out[end++] = (byte) c;
          continue;
        }
        // An escape takes up to six bytes; the characters after it at least one each.
        if (out.length - end < length - i + 5) {
          out = room(end + length - i + 5);
        }
        out[end++] = '\\';
        if (escape > 0) {
          out[end++] = escape;
        } else {
          out[end++] = 'u';
          out[end++] = '0';
          out[end++] = '0';
          out[end++] = HEX[c >> 4];
          out[end++] = HEX[c & 0xF];
        }
      }
      return end;
    }

    /** Returns {@link #text} with room for {@code size} bytes, keeping what it holds. */
    private byte[] room(int size) {
      if (text.length < size) {
        text = Arrays.copyOf(text, Math.max(size, text.length * 2));
      }
      return text;
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The contract's keys and fixed values, each quoted and encoded once. */
  private static final class Names {
    static final SerializableString AGENT = new SerializedString("agent");
    static final SerializableString AGENT_NAME = new SerializedString("agent_name");
    static final SerializableString CUSTOM = new SerializedString("custom");
    static final SerializableString DATA = new SerializedString("data");
    static final SerializableString ENDED_AT = new SerializedString("ended_at");
    static final SerializableString ERROR = new SerializedString("error");
    static final SerializableString FIRST_CONTENT_AT = new SerializedString("first_content_at");
    static final SerializableString FORMAT = new SerializedString("format");
    static final SerializableString FROM_AGENT = new SerializedString("from_agent");
    static final SerializableString FUNCTION = new SerializedString("function");
    static final SerializableString GENERATION = new SerializedString("generation");
    static final SerializableString GROUP_ID = new SerializedString("group_id");
    static final SerializableString GUARDRAIL = new SerializedString("guardrail");
    static final SerializableString HANDOFF = new SerializedString("handoff");
    static final SerializableString HANDOFFS = new SerializedString("handoffs");
    static final SerializableString ID = new SerializedString("id");
    static final SerializableString INPUT = new SerializedString("input");
    static final SerializableString INPUT_TOKENS = new SerializedString("input_tokens");
    static final SerializableString MCP_DATA = new SerializedString("mcp_data");
    static final SerializableString MCP_TOOLS = new SerializedString("mcp_tools");
    static final SerializableString MESSAGE = new SerializedString("message");
    static final SerializableString METADATA = new SerializedString("metadata");
    static final SerializableString MODEL = new SerializedString("model");
    static final SerializableString MODEL_CONFIG = new SerializedString("model_config");
    static final SerializableString NAME = new SerializedString("name");
    static final SerializableString OBJECT = new SerializedString("object");
    static final SerializableString OUTPUT = new SerializedString("output");
    static final SerializableString OUTPUT_TOKENS = new SerializedString("output_tokens");
    static final SerializableString OUTPUT_TYPE = new SerializedString("output_type");
    static final SerializableString PARENT_ID = new SerializedString("parent_id");
    static final SerializableString RESPONSE = new SerializedString("response");
    static final SerializableString RESPONSE_ID = new SerializedString("response_id");
    static final SerializableString RESULT = new SerializedString("result");
    static final SerializableString SDK_SPAN_TYPE = new SerializedString("sdk_span_type");
    static final SerializableString SERVER = new SerializedString("server");
    static final SerializableString SPAN_DATA = new SerializedString("span_data");
    static final SerializableString SPANS = new SerializedString("spans");
    static final SerializableString SPEECH = new SerializedString("speech");
    static final SerializableString SPEECH_GROUP = new SerializedString("speech_group");
    static final SerializableString STARTED_AT = new SerializedString("started_at");
    static final SerializableString TO_AGENT = new SerializedString("to_agent");
    static final SerializableString TOOLS = new SerializedString("tools");
    static final SerializableString TRACE = new SerializedString("trace");
    static final SerializableString TRACE_SPAN = new SerializedString("trace.span");
    static final SerializableString TRACE_ID = new SerializedString("trace_id");
    static final SerializableString TRANSCRIPTION = new SerializedString("transcription");
    static final SerializableString TRIGGERED = new SerializedString("triggered");
    static final SerializableString TURN = new SerializedString("turn");
    static final SerializableString TYPE = new SerializedString("type");
    static final SerializableString USAGE = new SerializedString("usage");
    static final SerializableString WORKFLOW_NAME = new SerializedString("workflow_name");

    private Names() {}
  }
}
