package dev.weft.export.otlp;

import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Encodes spans as an OTLP/JSON {@code ExportTraceServiceRequest} with the OpenTelemetry SDK's own
 * JSON encoder.
 *
 * <p>The SDK's public API reaches that encoder only through {@link OtlpJsonLoggingSpanExporter},
 * which writes each {@code ResourceSpans} of an export as one {@code java.util.logging} record. A
 * filter on its logger takes the records written on a thread that is encoding here, and drops them,
 * so they never reach a log; records of any other use of that exporter pass as before.
 */
final class OtlpJsonEncoding {
  /** Held so the filter set on it stays with it. */
  private static final Logger LOGGER =
      Logger.getLogger(OtlpJsonLoggingSpanExporter.class.getName());

  private static final ThreadLocal<List<String>> ENCODING = new ThreadLocal<>();

  private final SpanExporter encoder = OtlpJsonLoggingSpanExporter.create();

  /**
   * Returns the request body for {@code spans}: {@code {"resourceSpans":[…]}}.
   *
   * @throws IOException when the SDK could not encode them
   */
  String encode(Collection<SpanData> spans) throws IOException {
    listen();
    List<String> resourceSpans = new ArrayList<>();
    ENCODING.set(resourceSpans);
    CompletableResultCode result;
    try {
      result = encoder.export(spans);
    } finally {
      ENCODING.remove();
    }
    if (!result.isSuccess() || resourceSpans.isEmpty()) {
      throw new IOException("the OpenTelemetry SDK could not encode " + spans.size() + " spans");
    }
    return "{\"resourceSpans\":[" + String.join(",", resourceSpans) + "]}";
  }

  /**
   * Puts the filter on the logger, again if something replaced it (a logging configuration read
   * later resets loggers), and lets the logger pass the records' level.
   */
  private static synchronized void listen() {
    boolean lower = !LOGGER.isLoggable(Level.INFO);
    Filter present = LOGGER.getFilter();
    if (!(present instanceof Capture) || lower) {
      Filter previous = present instanceof Capture capture ? capture.previous() : present;
      LOGGER.setFilter(new Capture(previous, lower));
    }
    if (lower) {
      LOGGER.setLevel(Level.INFO);
    }
  }

  /**
   * Takes the records of an encoding thread; hands any other to the filter it replaced, and, when
   * the logger's level was lowered for the encoding, drops those the logging configuration would
   * not have let through.
   */
  private record Capture(Filter previous, boolean levelLowered) implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
      List<String> target = ENCODING.get();
      if (target == null) {
        Logger parent = LOGGER.getParent();
        if (levelLowered && parent != null && !parent.isLoggable(record.getLevel())) {
          return false;
        }
        return previous == null || previous.isLoggable(record);
      }
      if (record.getLevel() == Level.INFO && record.getThrown() == null) {
        target.add(record.getMessage());
      }
      return false;
    }
  }
}
