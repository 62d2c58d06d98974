package dev.weft.export.otlp;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import dev.weft.processor.SpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
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
 * Sends ended spans to an OpenTelemetry backend over OTLP/HTTP (protobuf) through the OpenTelemetry
 * SDK's {@link OtlpHttpSpanExporter} with the JDK's HTTP client, each span mapped by {@link
 * SpanMapping}.
 *
 * <p>It uses no global OpenTelemetry state (no {@code GlobalOpenTelemetry}, no autoconfiguration,
 * no-op self-metrics), so an application's own OpenTelemetry is left alone. Meant to run behind
 * {@link dev.weft.processor.BatchTraceProcessor}: the application never waits on the network.
 */
public final class OtlpExporter implements SpanExporter {
  /** The instrumentation scope of every exported span. */
  public static final String SCOPE_NAME = "dev.weft";

  /**
   * The SDK exporter's own logger, silenced when the SDK is bundled in the same jar as this class
   * (relocated inside the agent jar), so failures are reported once through Weft's log and not into
   * the application's logging; a library user's logging is left as it is. Held so the level set on
   * it stays.
   */
  private static final Logger SDK_LOGGER = Logger.getLogger(sdkExporterLoggerName());

  static {
    if (Objects.equals(location(OtlpHttpSpanExporter.class), location(OtlpExporter.class))) {
      SDK_LOGGER.setLevel(Level.OFF);
    }
  }

  private final OtlpHttpSpanExporter delegate;
  private final SpanMapping mapping;
  private final Duration timeout;
  private final URI endpoint;

  private OtlpExporter(OtlpSettings settings, boolean includeSensitiveData) {
    OtlpHttpSpanExporterBuilder builder =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(settings.endpoint().toString())
            .setTimeout(settings.timeout())
            .setCompression(settings.compression())
            // The default reaches for GlobalOpenTelemetry, which could start the application's
            // own SDK; the exporter's self-metrics are not wanted anyway.
            .setMeterProvider(MeterProvider::noop)
            .setServiceClassLoader(OtlpExporter.class.getClassLoader());
    settings.headers().forEach(builder::addHeader);
    this.delegate = builder.build();
    this.timeout = settings.timeout();
    this.endpoint = settings.endpoint();
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
   * Returns an exporter configured from Weft's configuration ({@code weft.otlp.endpoint}, {@code
   * weft.include-sensitive-data}) and the standard variables in {@code env}: {@code
   * OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT}, {@code _HEADERS}, {@code _TIMEOUT}, {@code
   * _COMPRESSION}, {@code OTEL_SERVICE_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES}.
   */
  public static OtlpExporter create(WeftConfig config, Map<String, String> env) {
    return new OtlpExporter(OtlpSettings.read(config, env), config.includeSensitiveData());
  }

  /** Returns where spans are posted. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void export(List<TraceRecord> traceRecords, List<SpanRecord> spans) {
    List<SpanData> batch = new ArrayList<>(spans.size());
    for (SpanRecord span : spans) {
      try {
        batch.add(mapping.map(span));
      } catch (RuntimeException e) {
        WeftLog.warnRateLimited("otlp-map", "otlp exporter: a span could not be mapped", e);
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
