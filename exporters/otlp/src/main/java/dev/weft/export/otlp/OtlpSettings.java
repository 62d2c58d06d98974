package dev.weft.export.otlp;

import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The OTLP exporter's settings as the OpenTelemetry specification names them in the environment
 * ({@code OTEL_EXPORTER_OTLP_*}, the {@code TRACES_} form first, then the general one), read from a
 * given map of variables rather than the process environment, so they can be tested. A bad value is
 * reported in one line and its default used.
 *
 * @param endpoint where spans are posted
 * @param headers extra request headers
 * @param timeout how long one export may take
 * @param compression {@code gzip} or {@code none}
 * @param serviceName the resource's {@code service.name}
 * @param resourceAttributes further resource attributes from {@code OTEL_RESOURCE_ATTRIBUTES}
 */
record OtlpSettings(
    URI endpoint,
    Map<String, String> headers,
    Duration timeout,
    String compression,
    String serviceName,
    Map<String, String> resourceAttributes) {

  /** The endpoint when nothing names one. */
  static final URI DEFAULT_ENDPOINT = URI.create("http://localhost:4318/v1/traces");

  /** The export timeout when nothing names one, as in the specification. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The service name when nothing names one, as the OpenTelemetry SDK for Java has it. */
  static final String DEFAULT_SERVICE_NAME = "unknown_service:java";

  /**
   * Reads the settings: {@code weft.otlp.endpoint} first when configured, else the variables.
   *
   * @param config Weft's configuration, for {@code weft.otlp.endpoint}
   * @param env the environment variables to read
   */
  static OtlpSettings read(WeftConfig config, Map<String, String> env) {
    URI endpoint =
        config.get("weft.otlp.endpoint") != null
            ? config.getHttpUri("weft.otlp.endpoint", DEFAULT_ENDPOINT)
            : endpoint(env);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.putAll(keyValues(env, "OTEL_EXPORTER_OTLP_HEADERS"));
    headers.putAll(keyValues(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS"));
    Map<String, String> resource = keyValues(env, "OTEL_RESOURCE_ATTRIBUTES");
    String serviceName = blankToNull(env.get("OTEL_SERVICE_NAME"));
    if (serviceName == null) {
      serviceName = resource.getOrDefault("service.name", DEFAULT_SERVICE_NAME);
    }
    protocol(env);
    return new OtlpSettings(
        endpoint,
        Map.copyOf(headers),
        timeout(env),
        compression(env),
        serviceName,
        Map.copyOf(resource));
  }

  private static URI endpoint(Map<String, String> env) {
    String traces = blankToNull(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    if (traces != null) {
      return uri("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces);
    }
    String base = blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    if (base != null) {
      String path = base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces";
      return uri("OTEL_EXPORTER_OTLP_ENDPOINT", path);
    }
    return DEFAULT_ENDPOINT;
  }

  private static URI uri(String variable, String value) {
    try {
      URI uri = URI.create(value.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    bad(variable, value, "an absolute http or https URL", DEFAULT_ENDPOINT.toString());
    return DEFAULT_ENDPOINT;
  }

  private static Duration timeout(Map<String, String> env) {
    for (String variable :
        new String[] {"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT"}) {
      String value = blankToNull(env.get(variable));
      if (value == null) {
        continue;
      }
      try {
        long millis = Long.parseLong(value.trim());
        if (millis > 0) {
          return Duration.ofMillis(millis);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      bad(variable, value, "a positive number of milliseconds", DEFAULT_TIMEOUT.toMillis() + "");
      return DEFAULT_TIMEOUT;
    }
    return DEFAULT_TIMEOUT;
  }

  private static String compression(Map<String, String> env) {
    for (String variable :
        new String[] {"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION"}) {
      String value = blankToNull(env.get(variable));
      if (value == null) {
        continue;
      }
      String lower = value.trim().toLowerCase(Locale.ROOT);
      if (lower.equals("gzip") || lower.equals("none")) {
        return lower;
      }
      bad(variable, value, "gzip or none", "none");
      return "none";
    }
    return "none";
  }

  private static void protocol(Map<String, String> env) {
    for (String variable :
        new String[] {"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"}) {
      String value = blankToNull(env.get(variable));
      if (value != null) {
        if (!value.trim().equals("http/protobuf")) {
          bad(variable, value, "http/protobuf (the only protocol Weft sends)", "http/protobuf");
        }
        return;
      }
    }
  }

  /** Reads {@code key=value,key=value} with percent-encoded values, as the specification has it. */
  private static Map<String, String> keyValues(Map<String, String> env, String variable) {
    String value = blankToNull(env.get(variable));
    Map<String, String> result = new LinkedHashMap<>();
    if (value == null) {
      return result;
    }
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq > 0 ? pair.substring(0, eq).trim() : "";
      if (key.isEmpty()) {
        bad(variable, pair, "key=value pairs separated by commas", "skipping it");
        continue;
      }
      try {
        result.put(key, URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        bad(variable, pair, "percent-encoded values", "skipping it");
      }
    }
    return result;
  }

  private static void bad(String variable, String value, String accepted, String instead) {
    String shown = variable.endsWith("HEADERS") ? "(hidden)" : value;
    WeftLog.warn(
        "bad value for "
            + variable
            + ": "
            + shown
            + "; expected "
            + accepted
            + "; using "
            + instead);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
