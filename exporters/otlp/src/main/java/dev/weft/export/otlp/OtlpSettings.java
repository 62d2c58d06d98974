package dev.weft.export.otlp;

import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The OTLP exporter's settings: Weft's own keys {@code weft.otlp.protocol} and {@code
 * weft.otlp.endpoint} first, then the variables the OpenTelemetry specification names ({@code
 * OTEL_EXPORTER_OTLP_*}, the {@code TRACES_} form first, then the general one), read from a given
 * map rather than the process environment, so they can be tested. A bad value is reported in one
 * line and its default used.
 *
 * @param protocol the transport
 * @param endpoint where spans are sent
 * @param headers extra request headers (gRPC metadata)
 * @param timeout how long one export may take
 * @param compression {@code gzip} or {@code none}
 * @param tls the certificates to trust and to present, or null for the JVM's defaults
 * @param serviceName the resource's {@code service.name}
 * @param resourceAttributes further resource attributes from {@code OTEL_RESOURCE_ATTRIBUTES}
 */
record OtlpSettings(
    OtlpProtocol protocol,
    URI endpoint,
    Map<String, String> headers,
    Duration timeout,
    String compression,
    OtlpTls tls,
    String serviceName,
    Map<String, String> resourceAttributes) {

  /** The protocol when nothing names one. */
  static final OtlpProtocol DEFAULT_PROTOCOL = OtlpProtocol.HTTP_PROTOBUF;

  /** The export timeout when nothing names one, as in the specification. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The service name when nothing names one, as the OpenTelemetry SDK for Java has it. */
  static final String DEFAULT_SERVICE_NAME = "unknown_service:java";

  /** The prefix of the system properties that stand for {@code OTEL_*} variables. */
  private static final String PROPERTY_PREFIX = "otel.";

  /**
   * Reads the settings.
   *
   * @param config Weft's configuration, for {@code weft.otlp.protocol} and {@code
   *     weft.otlp.endpoint}
   * @param variables the {@code OTEL_*} variables to read, see {@link #variables}
   */
  static OtlpSettings read(WeftConfig config, Map<String, String> variables) {
    OtlpProtocol protocol = protocol(config, variables);
    URI endpoint =
        config.get("weft.otlp.endpoint") != null
            ? config.getHttpUri("weft.otlp.endpoint", protocol.defaultEndpoint())
            : endpoint(variables, protocol);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.putAll(keyValues(variables, "OTEL_EXPORTER_OTLP_HEADERS"));
    headers.putAll(keyValues(variables, "OTEL_EXPORTER_OTLP_TRACES_HEADERS"));
    Map<String, String> resource = keyValues(variables, "OTEL_RESOURCE_ATTRIBUTES");
    String serviceName = blankToNull(variables.get("OTEL_SERVICE_NAME"));
    if (serviceName == null) {
      serviceName = resource.getOrDefault("service.name", DEFAULT_SERVICE_NAME);
    }
    return new OtlpSettings(
        protocol,
        endpoint,
        Map.copyOf(headers),
        timeout(variables),
        compression(variables),
        tls(variables),
        serviceName,
        Map.copyOf(resource));
  }

  /**
   * Returns the {@code OTEL_*} variables of the environment with the {@code otel.*} system
   * properties on top, each under its variable's name ({@code otel.exporter.otlp.protocol} stands
   * for {@code OTEL_EXPORTER_OTLP_PROTOCOL}): the OpenTelemetry SDK for Java reads both, and a
   * system property wins there too.
   */
  static Map<String, String> variables(Map<String, String> environment, Properties properties) {
    Map<String, String> variables = new HashMap<>(environment);
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(PROPERTY_PREFIX)) {
        variables.put(
            name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'),
            properties.getProperty(name));
      }
    }
    return variables;
  }

  private static OtlpProtocol protocol(WeftConfig config, Map<String, String> variables) {
    String configured = config.get("weft.otlp.protocol");
    if (configured != null) {
      OtlpProtocol protocol = OtlpProtocol.named(configured);
      if (protocol == null) {
        config.reportBadValue(
            "weft.otlp.protocol", configured, PROTOCOLS, "using " + DEFAULT_PROTOCOL);
        return DEFAULT_PROTOCOL;
      }
      return protocol;
    }
    Named value =
        first(variables, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
    if (value == null) {
      return DEFAULT_PROTOCOL;
    }
    OtlpProtocol protocol = OtlpProtocol.named(value.value());
    if (protocol == null) {
      bad(value, PROTOCOLS, DEFAULT_PROTOCOL.value());
      return DEFAULT_PROTOCOL;
    }
    return protocol;
  }

  private static final String PROTOCOLS = "http/protobuf, http/json or grpc";

  private static URI endpoint(Map<String, String> variables, OtlpProtocol protocol) {
    String traces = blankToNull(variables.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    if (traces != null) {
      return uri("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces, protocol);
    }
    String base = blankToNull(variables.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    if (base != null) {
      String url = base.trim();
      if (protocol.appendsSignalPath()) {
        url = url.endsWith("/") ? url + "v1/traces" : url + "/v1/traces";
      }
      return uri("OTEL_EXPORTER_OTLP_ENDPOINT", url, protocol);
    }
    return protocol.defaultEndpoint();
  }

  private static URI uri(String variable, String value, OtlpProtocol protocol) {
    try {
      URI uri = URI.create(value.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    URI fallback = protocol.defaultEndpoint();
    bad(new Named(variable, value), "an absolute http or https URL", fallback.toString());
    return fallback;
  }

  private static Duration timeout(Map<String, String> variables) {
    Named value =
        first(variables, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT");
    if (value == null) {
      return DEFAULT_TIMEOUT;
    }
    try {
      long millis = Long.parseLong(value.value().trim());
      if (millis > 0) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    bad(value, "a positive number of milliseconds", DEFAULT_TIMEOUT.toMillis() + "");
    return DEFAULT_TIMEOUT;
  }

  private static String compression(Map<String, String> variables) {
    Named value =
        first(variables, "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION");
    if (value == null) {
      return "none";
    }
    String lower = value.value().trim().toLowerCase(Locale.ROOT);
    if (lower.equals("gzip") || lower.equals("none")) {
      return lower;
    }
    bad(value, "gzip or none", "none");
    return "none";
  }

  /**
   * Reads the TLS files. A file that cannot be used is reported and left out: a bad trusted
   * certificate file leaves the JVM's trusted certificates, a bad client key or certificate leaves
   * no client certificate.
   */
  private static OtlpTls tls(Map<String, String> variables) {
    Named trusted =
        first(variables, "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", "OTEL_EXPORTER_OTLP_CERTIFICATE");
    Named key =
        first(variables, "OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY", "OTEL_EXPORTER_OTLP_CLIENT_KEY");
    Named chain =
        first(
            variables,
            "OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE",
            "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE");
    Path trustedFile =
        trusted == null ? null : usable(trusted, OtlpTls::certificates, CERTIFICATES, JVM_TRUST);
    Path keyFile = null;
    Path chainFile = null;
    if (key != null && chain == null) {
      bad(key, "a client certificate named with it", NO_CLIENT_CERTIFICATE);
    } else if (chain != null && key == null) {
      bad(chain, "a client key named with it", NO_CLIENT_CERTIFICATE);
    } else if (key != null) {
      keyFile = usable(key, OtlpTls::privateKey, PRIVATE_KEY, NO_CLIENT_CERTIFICATE);
      chainFile = usable(chain, OtlpTls::certificates, CERTIFICATES, NO_CLIENT_CERTIFICATE);
    }
    boolean client = keyFile != null && chainFile != null;
    if (trustedFile == null && !client) {
      return null;
    }
    try {
      return OtlpTls.fromFiles(trustedFile, client ? keyFile : null, client ? chainFile : null);
    } catch (IOException | GeneralSecurityException e) {
      WeftLog.warn("otlp exporter: TLS setup failed, using the JVM's defaults: " + e);
      return null;
    }
  }

  /** Reads one TLS file. */
  private interface FileReader {
    void read(Path file) throws IOException, GeneralSecurityException;
  }

  /** Returns the file a variable names when {@code reader} can read it; else reports it, null. */
  private static Path usable(Named file, FileReader reader, String accepted, String instead) {
    try {
      Path path = Path.of(file.value().trim());
      reader.read(path);
      return path;
    } catch (IOException | GeneralSecurityException | InvalidPathException e) {
      bad(file, accepted + " (" + reason(e) + ")", instead);
      return null;
    }
  }

  /** Says why a TLS file could not be used, in a few words. */
  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "not readable";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static final String CERTIFICATES = "a readable PEM file of certificates";
  private static final String PRIVATE_KEY = "a readable PKCS#8 PEM private key";
  private static final String JVM_TRUST = "the JVM's trusted certificates";
  private static final String NO_CLIENT_CERTIFICATE = "no client certificate";

  /** A variable's name with its value. */
  private record Named(String variable, String value) {}

  /** Returns the first of the variables that is set and not blank, or null. */
  private static Named first(Map<String, String> variables, String... names) {
    for (String name : names) {
      String value = blankToNull(variables.get(name));
      if (value != null) {
        return new Named(name, value);
      }
    }
    return null;
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
        bad(new Named(variable, pair), "key=value pairs separated by commas", "skipping it");
        continue;
      }
      try {
        result.put(key, URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        bad(new Named(variable, pair), "percent-encoded values", "skipping it");
      }
    }
    return result;
  }

  private static void bad(Named given, String accepted, String instead) {
    String shown = given.variable().endsWith("HEADERS") ? "(hidden)" : given.value();
    WeftLog.warn(
        "bad value for "
            + given.variable()
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
