package dev.weft.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.data.FunctionSpanData;
import dev.weft.export.openai.OpenAiExporter;
import dev.weft.export.otlp.OtlpExporter;
import dev.weft.processor.BatchTraceProcessor;
import dev.weft.processor.SpanExporter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A measured run (not a JMH benchmark: the work happens on the batch processor's thread, so what
 * counts is its sustained rate) of the {@code openai} and {@code otlp} exporters behind the batch
 * processor, against a real HTTP server on loopback:
 *
 * <ol>
 *   <li><b>throughput</b>: the application thread keeps the queue fed (never letting it fill, so
 *       nothing is dropped) and the spans per second that reach the server are reported;
 *   <li><b>stalled server</b>: the server never answers while the application keeps producing spans
 *       as fast as it can; the heap after a full GC is sampled each second and must stay flat,
 *       bounded by the queue, while the drop count grows.
 * </ol>
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests} then {@code mvn -B -q -pl
 * benchmarks exec:java -Dexec.mainClass=dev.weft.benchmarks.ExporterThroughput
 * [-Dexec.args="seconds"]}.
 */
public final class ExporterThroughput {
  private static final String INPUT = "{\"order_id\":\"A-10293\",\"include_history\":true}";
  private static final String OUTPUT =
      "{\"status\":\"shipped\",\"carrier\":\"DHL\",\"eta\":\"2d\"}";

  private ExporterThroughput() {}

  /** Runs both measurements for both exporters; {@code args[0]} is seconds per phase. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Tracing.configure(WeftConfig.load("exporters=none;include-sensitive-data=true"));
    try (Server server = new Server()) {
      for (String name : new String[] {"openai", "otlp"}) {
        throughput(name, server, seconds);
      }
      server.stall();
      for (String name : new String[] {"openai", "otlp"}) {
        stalled(name, server, seconds);
      }
    }
    System.exit(0);
  }

  private static SpanExporter exporter(String name, URI uri) {
    if (name.equals("openai")) {
      return OpenAiExporter.builder().endpoint(uri).apiKey("sk-bench").build();
    }
    return OtlpExporter.create(
        WeftConfig.load("exporters=none"),
        Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", uri.toString()));
  }

  private static BatchTraceProcessor processor(SpanExporter exporter) {
    return BatchTraceProcessor.builder(exporter)
        .maxQueueSize(8192)
        .maxBatchSize(512)
        .scheduleDelay(Duration.ofMillis(100))
        .exportTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static void throughput(String name, Server server, int seconds) {
    BatchTraceProcessor processor = processor(exporter(name, server.uri("/" + name)));
    Tracing.setProcessors(processor);
    produceFor(Duration.ofSeconds(2), processor, true); // warm-up
    Tracing.forceFlush();
    long bytesBefore = server.bytes.get();
    long requestsBefore = server.requests.get();
    long start = System.nanoTime();
    long spans = produceFor(Duration.ofSeconds(seconds), processor, true);
    Tracing.forceFlush();
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%-6s throughput: %,.0f spans/s (%,d spans, %,d requests, %,.1f MB sent, dropped %d)%n",
        name,
        spans / elapsed,
        spans,
        server.requests.get() - requestsBefore,
        (server.bytes.get() - bytesBefore) / 1e6,
        processor.droppedCount());
    processor.shutdown();
  }

  private static void stalled(String name, Server server, int seconds) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    BatchTraceProcessor processor = processor(exporter(name, server.uri("/" + name)));
    Tracing.setProcessors(processor);
    long produced = 0;
    long maxHeap = 0;
    for (int s = 0; s < seconds; s++) {
      produced += produceFor(Duration.ofSeconds(1), processor, false);
      System.gc();
      maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
      System.out.printf(
          "%-6s stalled, second %2d: heap after GC %6.1f MB (baseline %.1f MB), queued %d,"
              + " %,d trace/span records dropped, %,d spans produced%n",
          name,
          s + 1,
          memory.getHeapMemoryUsage().getUsed() / 1e6,
          baseline / 1e6,
          processor.queuedCount(),
          processor.droppedCount(),
          produced);
    }
    System.out.printf(
        "%-6s stalled: peak heap after GC %.1f MB over a %.1f MB baseline while %,d spans were"
            + " produced%n",
        name, maxHeap / 1e6, baseline / 1e6, produced);
    Tracing.setProcessors();
    processor.shutdown();
  }

  /**
   * Produces traces of ten tool spans until {@code duration} passes; with {@code pace}, waits while
   * the queue is more than half full so nothing is dropped. Returns the spans produced.
   */
  private static long produceFor(Duration duration, BatchTraceProcessor processor, boolean pace) {
    long end = System.nanoTime() + duration.toNanos();
    long spans = 0;
    while (System.nanoTime() < end) {
      if (pace) {
        while (processor.queuedCount() > 4096) {
          Thread.onSpinWait();
        }
      }
      try (Trace trace = Tracing.startTrace("bench");
          Span agent = Tracing.startAgentSpan("Support")) {
        for (int i = 0; i < 9; i++) {
          try (Span tool = Tracing.startFunctionSpan("lookup_order", INPUT)) {
            tool.setData(new FunctionSpanData("lookup_order", INPUT, OUTPUT, null));
          }
        }
      }
      spans += 10;
    }
    return spans;
  }

  /** A loopback server that answers 200 at once, or never once stalled. */
  private static final class Server implements AutoCloseable {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final HttpServer http;
    private volatile boolean stalled;

    Server() throws IOException {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.setExecutor(
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "bench-server");
                t.setDaemon(true);
                return t;
              }));
      http.createContext("/", this::handle);
      http.start();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
    }

    void stall() {
      stalled = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (InputStream in = exchange.getRequestBody()) {
        bytes.addAndGet(in.readAllBytes().length);
      }
      requests.incrementAndGet();
      if (stalled) {
        try {
          closing.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        exchange.sendResponseHeaders(200, -1);
      }
      exchange.close();
    }

    @Override
    public void close() {
      closing.countDown();
      http.stop(0);
    }
  }
}
