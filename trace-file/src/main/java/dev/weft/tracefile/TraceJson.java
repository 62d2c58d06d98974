package dev.weft.tracefile;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
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

  private TraceJson() {}

  /**
   * Writes a trace object, {@code {"object":"trace","id","workflow_name","group_id","metadata"}},
   * followed by {@code started_at} and {@code ended_at} when {@code withTimes} is set.
   */
  static void writeTrace(JsonGenerator g, TraceRecord trace, boolean withTimes) throws IOException {
    g.writeStartObject();
    g.writeStringField("object", "trace");
    g.writeStringField("id", trace.traceId());
    g.writeStringField("workflow_name", trace.workflowName());
    g.writeFieldName("group_id");
    writeValue(g, trace.groupId());
    g.writeFieldName("metadata");
    writeValue(g, trace.metadata().isEmpty() ? null : trace.metadata());
    if (withTimes) {
      char[] buffer = new char[Timestamps.MAX_LENGTH];
      g.writeFieldName("started_at");
      writeTime(g, trace.startedAtMicros(), buffer);
      g.writeFieldName("ended_at");
      writeEndTime(g, trace.endedAtMicros(), buffer);
    }
    g.writeEndObject();
  }

  /**
   * Writes a span object, {@code {"object":"trace.span","id","trace_id","parent_id","started_at",
   * "ended_at","span_data","error"}}, plus {@code metadata} when the span has any.
   */
  static void writeSpan(JsonGenerator g, ReadableSpan span) throws IOException {
    g.writeStartObject();
    g.writeStringField("object", "trace.span");
    g.writeStringField("id", span.spanId());
    g.writeStringField("trace_id", span.traceId());
    g.writeFieldName("parent_id");
    writeValue(g, span.parentId());
    char[] buffer = new char[Timestamps.MAX_LENGTH];
    g.writeFieldName("started_at");
    writeTime(g, span.startedAtMicros(), buffer);
    g.writeFieldName("ended_at");
    writeEndTime(g, span.endedAtMicros(), buffer);
    g.writeFieldName("span_data");
    writeSpanData(g, span.data());
    g.writeFieldName("error");
    writeError(g, span.error());
    Map<String, Object> metadata = span.metadata();
    if (!metadata.isEmpty()) {
      g.writeFieldName("metadata");
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
    g.writeStringField("message", error.message());
    g.writeFieldName("data");
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
      g.writeFieldName("usage");
      writeUsage(g, d.usage());
    } else if (data instanceof ResponseSpanData d) {
      type(g, "response");
      field(g, "response_id", d.responseId());
      g.writeFieldName("usage");
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
      g.writeBooleanField("triggered", d.triggered());
    } else if (data instanceof TranscriptionSpanData d) {
      type(g, "transcription");
      g.writeObjectFieldStart("input");
      field(g, "data", d.inputData());
      field(g, "format", d.inputFormat());
      g.writeEndObject();
      field(g, "output", d.output());
      field(g, "model", d.model());
      field(g, "model_config", d.modelConfig());
    } else if (data instanceof SpeechSpanData d) {
      type(g, "speech");
      field(g, "input", d.input());
      g.writeObjectFieldStart("output");
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
      g.writeObjectFieldStart("data");
      field(g, "sdk_span_type", "task");
      field(g, "name", d.name());
      if (d.usage() != null) {
        g.writeFieldName("usage");
        writeUsage(g, d.usage());
      }
      g.writeEndObject();
    } else if (data instanceof TurnSpanData d) {
      type(g, "custom");
      field(g, "name", "turn");
      g.writeObjectFieldStart("data");
      field(g, "sdk_span_type", "turn");
      g.writeNumberField("turn", d.turn());
      field(g, "agent_name", d.agentName());
      if (d.usage() != null) {
        g.writeFieldName("usage");
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
    g.writeNumberField("input_tokens", usage.inputTokens());
    g.writeNumberField("output_tokens", usage.outputTokens());
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
      generator.writeString(s);
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
      generator.writeString(String.valueOf(tree));
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
      for (TraceRecord trace : traces) {
        writeTrace(g, trace, true);
        g.writeRaw('\n');
      }
      for (ReadableSpan span : spans) {
        writeSpan(g, span);
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
    g.writeFieldName("trace");
    writeTrace(g, trace, true);
    g.writeArrayFieldStart("spans");
    for (ReadableSpan span : spans) {
      writeSpan(g, span);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Writes a time as ISO-8601 text, without making a String of it. */
  private static void writeTime(JsonGenerator g, long micros, char[] buffer) throws IOException {
    g.writeString(buffer, 0, Timestamps.format(micros, buffer, 0));
  }

  /** Writes an end time, or null for 0 (not ended). */
  private static void writeEndTime(JsonGenerator g, long micros, char[] buffer) throws IOException {
    if (micros == 0) {
      g.writeNull();
    } else {
      writeTime(g, micros, buffer);
    }
  }

  private static void type(JsonGenerator g, String type) throws IOException {
    g.writeStringField("type", type);
  }

  private static void field(JsonGenerator g, String name, Object value) throws IOException {
    g.writeFieldName(name);
    writeValue(g, value);
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString();
  }
}
