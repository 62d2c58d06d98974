package dev.weft.export.otlp;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import dev.weft.processor.SpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends ended spans to an OpenTelemetry backend over OTLP ({@code http/protobuf}, {@code http/json}
 * or {@code grpc}) through the OpenTelemetry SDK's exporters ({@link OtlpTransport}), each span
 * mapped by {@link SpanMapping}.
 *
 * <p>It uses no global OpenTelemetry state (no {@code GlobalOpenTelemetry}, no autoconfiguration,
 * no-op self-metrics), so an application's own OpenTelemetry is left alone. Meant to run behind
 * {@link dev.weft.processor.BatchTraceProcessor}: the application never waits on the network.
 */
public final class OtlpExporter implements SpanExporter {
  /** The instrumentation scope of every exported span. */
  public static final String SCOPE_NAME = "dev.weft";

  /**
   * The loggers of the SDK's exporters and of OkHttp, which sends gRPC: silenced when the SDK is
   * bundled in the same jar as this class (relocated inside the agent jar), so failures are
   * reported once through Weft's log and not into the application's logging; a library user's
   * logging is left as it is. Held so the level set on them stays.
   */
  private static final List<Logger> SENDER_LOGGERS =
      List.of(
          Logger.getLogger(sdkExporterLoggerName()),
          // Inside the agent jar, relocation rewrites this name as it moves the package.
          Logger.getLogger("okhttp3"));

  static {
    if (Objects.equals(location(OtlpHttpSpanExporter.class), location(OtlpExporter.class))) {
      SENDER_LOGGERS.forEach(logger -> logger.setLevel(Level.OFF));
    }
  }

  private final io.opentelemetry.sdk.trace.export.SpanExporter delegate;
  private final SpanMapping mapping;
  private final Duration timeout;
  private final URI endpoint;
  private final OtlpProtocol protocol;

  private OtlpExporter(OtlpSettings settings, boolean includeSensitiveData) {
    this.delegate = OtlpTransport.create(settings);
    this.timeout = settings.timeout();
    this.endpoint = settings.endpoint();
    this.protocol = settings.protocol();
    AttributesBuilder resource = Attributes.builder();
    settings.resourceAttributes().forEach(resource::put);
    resource.put(AttributeKey.stringKey("service.name"), settings.serviceName());
    this.mapping =
        new SpanMapping(
            includeSensitiveData,
            Resource.getDefault().merge(Resource.create(resource.build())),
            InstrumentationScopeInfo.builder(SCOPE_NAME).setVersion(version()).build());
  }

  /**
   * Returns an exporter configured from Weft's configuration ({@code weft.otlp.protocol}, {@code
   * weft.otlp.endpoint}, {@code weft.include-sensitive-data}) and the standard variables in {@code
   * variables}: {@code OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL}, {@code _ENDPOINT}, {@code _HEADERS},
   * {@code _TIMEOUT}, {@code _COMPRESSION}, {@code _CERTIFICATE}, {@code _CLIENT_KEY}, {@code
   * _CLIENT_CERTIFICATE}, {@code OTEL_SERVICE_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES}.
   */
  public static OtlpExporter create(WeftConfig config, Map<String, String> variables) {
    return new OtlpExporter(OtlpSettings.read(config, variables), config.includeSensitiveData());
  }

  /**
   * Returns an exporter configured as {@code weft.exporters=otlp} configures it: from Weft's
   * configuration, the process environment, and the {@code otel.*} system properties, which win
   * over the environment as in the OpenTelemetry SDK for Java.
   */
  public static OtlpExporter create(WeftConfig config) {
    return create(config, OtlpSettings.variables(System.getenv(), System.getProperties()));
  }

  /** Returns where spans are sent. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Returns the protocol spans are sent by: {@code http/protobuf}, {@code http/json} or {@code
   * grpc}.
   */
  public String protocol() {
    return protocol.value();
  }

  @Override
  public void export(List<TraceRecord> traceRecords, List<SpanRecord> spans) {
    List<SpanData> batch = new ArrayList<>(spans.size() + traceRecords.size());
    for (SpanRecord span : spans) {
      try {
        batch.add(mapping.map(span));
      } catch (RuntimeException e) {
        WeftLog.warnRateLimited("otlp-map", "otlp exporter: a span could not be mapped", e);
      }
    }
    // After the spans: a top span that ended in this batch names the remote parent first.
    for (TraceRecord trace : traceRecords) {
      if (!trace.isEnded()) {
        continue;
      }
      try {
        batch.add(mapping.mapWorkflow(trace));
      } catch (RuntimeException e) {
        WeftLog.warnRateLimited("otlp-map", "otlp exporter: a trace could not be mapped", e);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    CompletableResultCode result = delegate.export(batch);
    // The SDK's own timeout ends the request; the extra second only covers its bookkeeping.
    result.join(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    if (!result.isSuccess()) {
      WeftLog.warnRateLimited(
          "otlp-export",
          "otlp exporter: "
              + batch.size()
              + " spans not accepted by "
              + endpoint()
              + " ("
              + protocol
              + ")"
              + (result.isDone() ? "" : " (no answer in time)"),
          result.getFailureThrowable());
    }
  }

  @Override
  public void flush() {
    delegate.flush().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void shutdown() {
    delegate.shutdown().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Returns the name of the parent logger of the SDK's exporters, {@code io.opentelemetry.exporter}
   * (relocated with the SDK inside the agent jar), derived from a public class of the SDK.
   */
  private static String sdkExporterLoggerName() {
    String name = OtlpHttpSpanExporter.class.getName();
    int cut = name.indexOf(".otlp.http.trace.");
    return cut > 0 ? name.substring(0, cut) : name;
  }

  private static Object location(Class<?> type) {
    try {
      java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
      return source == null ? null : source.getLocation();
    } catch (SecurityException e) {
      return "unknown " + type.getName();
    }
  }

  private static String version() {
    String v = OtlpExporter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
