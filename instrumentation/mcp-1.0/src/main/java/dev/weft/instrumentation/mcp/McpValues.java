package dev.weft.instrumentation.mcp;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.SpanError;
import dev.weft.instrumentation.api.Captured;
import dev.weft.instrumentation.api.Reflect;
import dev.weft.internal.WeftLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client and server sides read alike from the MCP SDK's schema objects (server info, tool
 * results), and how they record it on a {@code function} span, honouring the sensitive-data
 * setting.
 */
final class McpValues {
  // The accessors read, each remembering the methods it found on the classes it met.
  private static final Reflect.Accessor CONTENT = Reflect.accessor("content");
  private static final Reflect.Accessor IS_ERROR = Reflect.accessor("isError");
  private static final Reflect.Accessor NAME = Reflect.accessor("name");
  private static final Reflect.Accessor TEXT = Reflect.accessor("text");
  private static final Reflect.Accessor TYPE = Reflect.accessor("type");
  private static final Reflect.Accessor VERSION = Reflect.accessor("version");

  /** The {@code _meta} key of the W3C trace context, as the MCP specification reserves it. */
  static final String TRACEPARENT = "traceparent";

  private McpValues() {}

  /**
   * Returns the {@code mcp_data} of a server, {@code {"server": name, "version": version}} from its
   * {@code Implementation}; the version only when known. Null when the name is unknown.
   */
  static Map<String, Object> serverData(Object implementation) {
    String name = NAME.text(implementation);
    if (name == null) {
      return null;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("server", name);
    String version = VERSION.text(implementation);
    if (version != null && !version.isBlank()) {
      data.put("version", version);
    }
    return data;
  }

  /** Returns the arguments as JSON text when sensitive data is included, else null. */
  static String input(Object arguments) {
    if (arguments == null || !Tracing.includeSensitiveData()) {
      return null;
    }
    return Tracing.tracer().valueRenderer().renderText(arguments);
  }

  /**
   * Records a {@code CallToolResult} on a function span: its text content as the output, and, when
   * it is marked {@code isError}, that text (or {@code the tool failed}) as the span's error.
   */
  static void recordResult(Span span, Object result) {
    if (result == null) {
      return;
    }
    String text = contentText(CONTENT.call(result));
    boolean sensitive = Tracing.includeSensitiveData();
    if (span.data() instanceof FunctionSpanData function && sensitive && text != null) {
      span.setData(function.withOutput(capped(text)));
    }
    if (Boolean.TRUE.equals(IS_ERROR.call(result))) {
      span.setError(
          sensitive && text != null
              ? SpanError.of(redacted(text))
              : SpanError.of("the tool failed"));
    }
  }

  /** Sets {@code mcp_data} on a function span that has none; returns whether it did. */
  static boolean addServerData(Span span, Map<String, Object> serverData) {
    if (serverData != null
        && span.data() instanceof FunctionSpanData function
        && function.mcpData() == null) {
      span.setData(
          new FunctionSpanData(function.name(), function.input(), function.output(), serverData));
      return true;
    }
    return false;
  }

  /** Returns the texts of a result's content items, one a line; other items as their type. */
  static String contentText(Object content) {
    if (!(content instanceof List<?> items) || items.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Object item : items) {
      if (text.length() > 0) {
        text.append('\n');
      }
      String itemText = TEXT.text(item);
      if (itemText == null) {
        String type = TYPE.text(item);
        itemText = "[" + (type == null ? item.getClass().getSimpleName() : type) + "]";
      }
      text.append(itemText);
    }
    return text.toString();
  }

  /** Returns the value of a key of a map read from JSON, or null. */
  static Object get(Object map, String key) {
    return map instanceof Map<?, ?> m ? m.get(key) : null;
  }

  /** Logs a failure of the instrumentation once in a while; never throws. */
  static void failed(String what, Throwable t) {
    WeftLog.warnRateLimited("mcp-" + what, "mcp tracing failed at " + what, t);
  }

  private static String capped(String text) {
    return Captured.bounded(text);
  }

  private static String redacted(String text) {
    return Tracing.tracer().valueRenderer().redact(text);
  }
}
