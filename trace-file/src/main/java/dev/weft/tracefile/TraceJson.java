package dev.weft.tracefile;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import dev.weft.ReadableSpan;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes traces and spans in the wire format of the OpenAI Agents SDK: the exact keys, in the exact
 * order, of the public contract. Every exporter writes through here.
 */
public final class TraceJson {
  /** The shared factory; thread-safe. */
  static final JsonFactory FACTORY = new JsonFactory();

  // The contract's keys and fixed values, each quoted and encoded once.
  private static final Map<String, SerializableString> NAMES =
      encodedNames(
          "agent",
          "agent_name",
          "custom",
          "data",
          "ended_at",
          "error",
          "first_content_at",
          "format",
          "from_agent",
          "function",
          "generation",
          "group_id",
          "guardrail",
          "handoff",
          "handoffs",
          "id",
          "input",
          "input_tokens",
          "mcp_data",
          "mcp_tools",
          "message",
          "metadata",
          "model",
          "model_config",
          "name",
          "object",
          "output",
          "output_tokens",
          "output_type",
          "parent_id",
          "response",
          "response_id",
          "result",
          "sdk_span_type",
          "server",
          "span_data",
          "spans",
          "speech",
          "speech_group",
          "started_at",
          "to_agent",
          "tools",
          "trace",
          "trace.span",
          "trace_id",
          "transcription",
          "triggered",
          "turn",
          "type",
          "usage",
          "workflow_name",
          "task");
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
    key(g, "object");
    name(g, "trace");
    stringField(g, "id", trace.traceId());
    stringField(g, "workflow_name", trace.workflowName());
    key(g, "group_id");
    writeValue(g, trace.groupId());
    key(g, "metadata");
    writeValue(g, trace.metadata().isEmpty() ? null : trace.metadata());
    if (withTimes) {
      key(g, "started_at");
      writeTime(g, trace.startedAtMicros(), scratch);
      key(g, "ended_at");
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
    key(g, "object");
    name(g, "trace.span");
    key(g, "id");
    writeId(g, span.spanId(), scratch.id);
    key(g, "trace_id");
    writeId(g, span.traceId(), scratch.id);
    key(g, "parent_id");
    writeId(g, span.parentId(), scratch.id);
    key(g, "started_at");
    writeTime(g, span.startedAtMicros(), scratch);
    key(g, "ended_at");
    writeEndTime(g, span.endedAtMicros(), scratch);
    key(g, "span_data");
    writeSpanData(g, span.data());
    key(g, "error");
    writeError(g, span.error());
    Map<String, Object> metadata = span.metadata();
    if (!metadata.isEmpty()) {
      key(g, "metadata");
      writeValue(g, metadata);
    }
    g.writeEndObject();
  }

  /** Writes a span error, or null. */
  static void writeError(JsonGenerator g, SpanError error) throws IOException {
    if (error == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    stringField(g, "message", error.message());
    key(g, "data");
    writeValue(g, error.data());
    g.writeEndObject();
  }

  /** Writes the {@code span_data} object of one span with the keys of its type. */
  static void writeSpanData(JsonGenerator g, SpanData data) throws IOException {
    g.writeStartObject();
    if (data instanceof AgentSpanData d) {
      type(g, "agent");
      field(g, "name", d.name());
      field(g, "handoffs", d.handoffs());
      field(g, "tools", d.tools());
      field(g, "output_type", d.outputType());
    } else if (data instanceof FunctionSpanData d) {
      type(g, "function");
      field(g, "name", d.name());
      field(g, "input", d.input());
      field(g, "output", d.output());
      field(g, "mcp_data", d.mcpData());
    } else if (data instanceof GenerationSpanData d) {
      type(g, "generation");
      field(g, "input", d.input());
      field(g, "output", d.output());
      field(g, "model", d.model());
      field(g, "model_config", d.modelConfig());
      key(g, "usage");
      writeUsage(g, d.usage());
    } else if (data instanceof ResponseSpanData d) {
      type(g, "response");
      field(g, "response_id", d.responseId());
      key(g, "usage");
      writeUsage(g, d.usage());
    } else if (data instanceof HandoffSpanData d) {
      type(g, "handoff");
      field(g, "from_agent", d.fromAgent());
      field(g, "to_agent", d.toAgent());
    } else if (data instanceof CustomSpanData d) {
      type(g, "custom");
      field(g, "name", d.name());
      field(g, "data", d.data());
    } else if (data instanceof GuardrailSpanData d) {
      type(g, "guardrail");
      field(g, "name", d.name());
      booleanField(g, "triggered", d.triggered());
    } else if (data instanceof TranscriptionSpanData d) {
      type(g, "transcription");
      key(g, "input");
      g.writeStartObject();
      field(g, "data", d.inputData());
      field(g, "format", d.inputFormat());
      g.writeEndObject();
      field(g, "output", d.output());
      field(g, "model", d.model());
      field(g, "model_config", d.modelConfig());
    } else if (data instanceof SpeechSpanData d) {
      type(g, "speech");
      field(g, "input", d.input());
      key(g, "output");
      g.writeStartObject();
      field(g, "data", d.outputData());
      field(g, "format", d.outputFormat());
      g.writeEndObject();
      field(g, "model", d.model());
      field(g, "model_config", d.modelConfig());
      field(g, "first_content_at", d.firstContentAt());
    } else if (data instanceof SpeechGroupSpanData d) {
      type(g, "speech_group");
      field(g, "input", d.input());
    } else if (data instanceof McpToolsSpanData d) {
      type(g, "mcp_tools");
      field(g, "server", d.server());
      field(g, "result", d.result());
    } else if (data instanceof TaskSpanData d) {
      type(g, "custom");
      field(g, "name", "task");
      key(g, "data");
      g.writeStartObject();
      field(g, "sdk_span_type", "task");
      field(g, "name", d.name());
      if (d.usage() != null) {
        key(g, "usage");
        writeUsage(g, d.usage());
      }
      g.writeEndObject();
    } else if (data instanceof TurnSpanData d) {
      type(g, "custom");
      field(g, "name", "turn");
      key(g, "data");
      g.writeStartObject();
      field(g, "sdk_span_type", "turn");
      numberField(g, "turn", d.turn());
      field(g, "agent_name", d.agentName());
      if (d.usage() != null) {
        key(g, "usage");
        writeUsage(g, d.usage());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** Writes usage as {@code {"input_tokens","output_tokens",…details}}, or null. */
  static void writeUsage(JsonGenerator g, Usage usage) throws IOException {
    if (usage == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    numberField(g, "input_tokens", usage.inputTokens());
    numberField(g, "output_tokens", usage.outputTokens());
    for (Map.Entry<String, Object> e : usage.details().entrySet()) {
      if (!"input_tokens".equals(e.getKey()) && !"output_tokens".equals(e.getKey())) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
    }
    g.writeEndObject();
  }

  /**
   * Writes a captured value: null, strings, numbers, booleans, maps and collections as JSON, and
   * anything else as its text.
   */
  static void writeValue(JsonGenerator g, Object value) throws IOException {
    writeTree(g, value);
  }

  private static void writeTree(JsonGenerator generator, Object tree) throws IOException {
    if (tree == null) {
      generator.writeNull();
    } else if (tree instanceof String s) {
      writeText(generator, s);
    } else if (tree instanceof Boolean b) {
      generator.writeBoolean(b);
    } else if (tree instanceof Number number) {
      writeNumber(generator, number);
    } else if (tree instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        writeTree(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (tree instanceof Collection<?> list) {
      generator.writeStartArray();
      for (Object element : list) {
        writeTree(generator, element);
      }
      generator.writeEndArray();
    } else if (tree instanceof Object[] array) {
      generator.writeStartArray();
      for (Object element : array) {
        writeTree(generator, element);
      }
      generator.writeEndArray();
    } else {
      writeText(generator, String.valueOf(tree));
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
    key(g, "trace");
    Scratch scratch = new Scratch();
    writeTrace(g, trace, true, scratch);
    key(g, "spans");
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
   * Writes an id, or null. An id the tracer made is a prefix and hex digits, copied as they are;
   * one read back from a file may hold anything, and is escaped as any text.
   */
  private static void writeId(JsonGenerator g, String id, byte[] buffer) throws IOException {
    if (id == null || id.length() > buffer.length || !(g instanceof UTF8JsonGenerator)) {
      writeText(g, id);
      return;
    }
    int length = id.length();
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c >= 0x7F || c == '"' || c == '\\') {
        writeText(g, id);
        return;
      }
      buffer[i] = (byte) c;
    }
    g.writeRawUTF8String(buffer, 0, length);
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

  private static void type(JsonGenerator g, String type) throws IOException {
    key(g, "type");
    name(g, type);
  }

  private static void field(JsonGenerator g, String name, Object value) throws IOException {
    key(g, name);
    writeValue(g, value);
  }

  /**
   * Writes one of the contract's keys from its quoted bytes, made once per key: escaping the same
   * few dozen names again for every span was a fifth of a span's serialisation.
   */
  private static void key(JsonGenerator g, String name) throws IOException {
    SerializableString encoded = NAMES.get(name);
    if (encoded != null) {
      g.writeFieldName(encoded);
    } else {
      g.writeFieldName(name);
    }
  }

  /** Writes one of the contract's fixed values, such as a span type. */
  private static void name(JsonGenerator g, String value) throws IOException {
    SerializableString encoded = NAMES.get(value);
    if (encoded != null) {
      g.writeString(encoded);
    } else {
      writeText(g, value);
    }
  }

  private static Map<String, SerializableString> encodedNames(String... names) {
    Map<String, SerializableString> encoded = new HashMap<>();
    for (String name : names) {
      encoded.put(name, new SerializedString(name));
    }
    return Map.copyOf(encoded);
  }

  private static void stringField(JsonGenerator g, String name, String value) throws IOException {
    key(g, name);
    writeText(g, value);
  }

  private static void numberField(JsonGenerator g, String name, long value) throws IOException {
    key(g, name);
    g.writeNumber(value);
  }

  private static void booleanField(JsonGenerator g, String name, boolean value) throws IOException {
    key(g, name);
    g.writeBoolean(value);
  }

  /**
   * Writes a string. To a byte generator (every one made here), the text goes as its UTF-8 bytes,
   * which the generator escapes reading an array, not a character at a time through {@link
   * String#charAt}; a character outside the Basic Multilingual Plane comes out as one four-byte
   * sequence, and an unpaired surrogate as {@code ?}.
   */
  private static void writeText(JsonGenerator g, String text) throws IOException {
    if (text == null) {
      g.writeNull();
    } else if (g instanceof UTF8JsonGenerator && text.length() <= MAX_TEXT_AS_BYTES) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      g.writeUTF8String(bytes, 0, bytes.length);
    } else {
      g.writeString(text);
    }
  }

  /** What one writer reuses from record to record: the text of times, the bytes of an id. */
  private static final class Scratch {
    final Timestamps.Text time = new Timestamps.Text();
    // Room for an id as the tracer makes them; longer ones are written as any text.
    final byte[] id = new byte[64];
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
}
