package dev.weft.instrumentation.opentelemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Trace;
import dev.weft.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application with Weft's runtime and this bridge on its class path, no java agent, and an
 * OpenTelemetry SDK of its own: the runtime finds the bridge when tracing is first used, and the
 * two make one trace.
 */
class WithoutTheAgentTest {
  private static final List<SpanData> EXPORTED = new CopyOnWriteArrayList<>();
  private static SdkTracerProvider provider;
  private static Tracer otel;

  @BeforeAll
  static void configure() {
    System.setProperty("weft.exporters", "none");
    provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting()))
            .build();
    otel = provider.get("com.acme.shop");
  }

  @AfterAll
  static void close() {
    provider.close();
    System.clearProperty("weft.exporters");
  }

  @Test
  void aWeftTraceStartedInAnOpenTelemetrySpan_joinsIt_andOpenTelemetrySpansNestUnderWeftSpans() {
    Span request = otel.spanBuilder("GET /orders").startSpan();
    String weftTraceId;
    String weftSpan;
    try (Scope ignored = request.makeCurrent()) {
      try (Trace trace = Tracing.trace("Order desk").start();
          dev.weft.Span agent = Tracing.startAgentSpan("Support agent")) {
        weftTraceId = trace.traceId();
        weftSpan = Tracing.currentTraceparent().split("-")[2];
        Span lookup = otel.spanBuilder("SELECT orders").startSpan();
        lookup.end();
      }
    } finally {
      request.end();
    }

    String otelTrace = request.getSpanContext().getTraceId();
    assertThat(weftTraceId).isEqualTo("trace_" + otelTrace);
    SpanData lookup =
        EXPORTED.stream().filter(s -> s.getName().equals("SELECT orders")).findFirst().get();
    assertThat(lookup.getTraceId()).isEqualTo(otelTrace);
    assertThat(lookup.getParentSpanId()).isEqualTo(weftSpan);
  }

  @Test
  void aWeftTraceWithNoOpenTelemetrySpanCurrent_startsATraceOfItsOwn_thatOpenTelemetrySpansJoin() {
    String weftTraceId;
    Span audit;
    try (Trace trace = Tracing.trace("Nightly report").start();
        dev.weft.Span agent = Tracing.startAgentSpan("Report agent")) {
      weftTraceId = trace.traceId();
      audit = otel.spanBuilder("audit").startSpan();
      audit.end();
    }

    assertThat(audit.getSpanContext().getTraceId())
        .isEqualTo(weftTraceId.substring("trace_".length()));
    assertThat(Span.current().getSpanContext().isValid())
        .as("nothing left current in OpenTelemetry after the Weft span ends")
        .isFalse();
  }

  @Test
  void
      insideAWeftSpan_openTelemetrysCurrentSpanContext_readsAsItsW3cIds_withTheCallersTraceState() {
    SpanContext caller =
        SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            TraceFlags.getSampled(),
            TraceState.builder().put("acme", "tenant-7").build());
    try (Scope ignored = Context.root().with(Span.wrap(caller)).makeCurrent();
        Trace trace = Tracing.trace("Order desk").start();
        dev.weft.Span agent = Tracing.startAgentSpan("Support agent")) {
      String[] traceparent = Tracing.currentTraceparent().split("-");
      SpanContext seen = Span.current().getSpanContext();

      assertThat(seen.getTraceId()).isEqualTo(traceparent[1]).isEqualTo(caller.getTraceId());
      assertThat(seen.getSpanId())
          .isEqualTo(traceparent[2])
          .isEqualTo(agent.spanId().substring(13));
      assertThat(seen.getSpanIdBytes()).isEqualTo(HexFormat.of().parseHex(traceparent[2]));
      assertThat(seen.getTraceIdBytes()).isEqualTo(HexFormat.of().parseHex(traceparent[1]));
      assertThat(seen.isValid()).isTrue();
      assertThat(seen.isRemote()).isFalse();
      assertThat(seen.isSampled()).isTrue();
      assertThat(seen.getTraceState().get("acme")).isEqualTo("tenant-7");
      assertThat(seen).isEqualTo(Span.current().getSpanContext());
      assertThat(seen.toString()).contains(traceparent[1], traceparent[2]);

      try (dev.weft.Span tool = Tracing.startFunctionSpan("lookup", "{}")) {
        SpanContext nested = Span.current().getSpanContext();
        assertThat(nested.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(nested.getSpanId()).isEqualTo(tool.spanId().substring(13));
        assertThat(nested.getTraceState().get("acme")).isEqualTo("tenant-7");
        assertThat(nested).isNotEqualTo(seen);
      }
      assertThat(Span.current().getSpanContext()).isSameAs(seen);
    }
  }

  /** Keeps what the SDK exports. */
  private static final class Collecting implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      EXPORTED.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
