package dev.weft.export.openai;

import dev.weft.SpanRecord;
import dev.weft.TraceBuilder;
import dev.weft.TraceRecord;
import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import dev.weft.processor.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends traces and spans to the OpenAI traces ingest endpoint, wire-compatible with the OpenAI
 * Agents SDK's own exporter: a trace is sent when it starts, a span when it ends, each request
 * {@code {"data":[…]}} with the SDK's headers, truncation and usage format.
 *
 * <p>Items go with the API key of their trace when the trace has its own (the export setting {@code
 * openai.api-key}, see {@link TraceBuilder#exportSetting}), else with the configured one, one
 * request per key. Items with no key at all are dropped after one warning. A failed request is
 * tried at most {@link #DEFAULT_MAX_ATTEMPTS} times in all, waiting as {@code retry-after-ms} /
 * {@code retry-after} ask or else a doubling delay with jitter; 4xx answers other than 408, 409 and
 * 429 are not retried, and {@code x-should-retry} overrides, except for 400. Each attempt is
 * abandoned after the request timeout, and an interrupt (the batch processor's shutdown deadline)
 * stops at once.
 *
 * <p>Each object carries only the keys the endpoint accepts for its type ({@link IngestShape}). A
 * request that is refused with HTTP 400 anyway is dropped, never retried, and its reason is logged
 * once, with the span types concerned. Requests are kept within {@link #DEFAULT_MAX_REQUEST_BYTES}
 * by splitting a batch; an object too big for a request on its own is dropped and logged.
 *
 * <p>Meant to run behind {@link dev.weft.processor.BatchTraceProcessor}, which calls it on its own
 * thread, so the application never waits on the network.
 */
public final class OpenAiExporter implements SpanExporter {
  /** The default ingest endpoint. */
  public static final URI DEFAULT_ENDPOINT = URI.create("https://api.openai.com/v1/traces/ingest");

  /** The default number of attempts per request, the first included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** The default wait before the second attempt; it doubles for each further one. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);

  /** The default longest wait between attempts. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

  /** The default time one attempt may take before it is abandoned. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The default largest request body, in bytes. The endpoint publishes no limit and the OpenAI
   * Agents SDK bounds a request only by its 128 items; this bound is Weft's own, a fraction of what
   * the SDK's largest requests reach, and room for 20 spans with both fields at their 100 000 byte
   * limit.
   */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

  /** The export setting of a trace's own API key ({@link TraceBuilder#exportSetting}). */
  static final String TRACE_API_KEY = "openai.api-key";

  private final String apiKey;
  private final int maxRequestBytes;
  private final IngestClient client;
  private final AtomicBoolean warnedNoKey = new AtomicBoolean();
  private final AtomicLong droppedWithoutKey = new AtomicLong();
  private final AtomicLong droppedTooLarge = new AtomicLong();

  private OpenAiExporter(Builder b) {
    this.apiKey = blankToNull(b.apiKey);
    this.maxRequestBytes = b.maxRequestBytes;
    this.client =
        new IngestClient(
            b.endpoint,
            blankToNull(b.organization),
            blankToNull(b.project),
            b.timeout,
            b.maxAttempts,
            new Backoff(
                b.baseDelay,
                b.maxDelay,
                () -> ThreadLocalRandom.current().nextDouble(),
                java.time.Clock.systemUTC()),
            b.sleeper);
  }

  /** Returns a builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns an exporter configured from {@code weft.openai.api-key} (else {@code OPENAI_API_KEY}),
   * {@code weft.openai.endpoint}, {@code weft.openai.timeout-ms} and the {@code OPENAI_ORG_ID} /
   * {@code OPENAI_PROJECT_ID} environment variables.
   */
  public static OpenAiExporter create(WeftConfig config) {
    return builder()
        .endpoint(config.getHttpUri("weft.openai.endpoint", DEFAULT_ENDPOINT))
        .apiKey(configuredKey(config))
        .timeout(
            Duration.ofMillis(
                config.getLong("weft.openai.timeout-ms", DEFAULT_TIMEOUT.toMillis(), 1, 600_000)))
        .environment(System.getenv())
        .build();
  }

  /** Returns {@code weft.openai.api-key}, else the {@code OPENAI_API_KEY} variable, or null. */
  static String configuredKey(WeftConfig config) {
    String key = config.get("weft.openai.api-key");
    return key != null ? key : config.getenv("OPENAI_API_KEY");
  }

  private String keyOf(TraceRecord trace) {
    String own = blankToNull(trace.exportSetting(TRACE_API_KEY));
    return own != null ? own : apiKey;
  }

  /** Returns how many trace and span records were dropped because no API key applied to them. */
  public long droppedWithoutKeyCount() {
    return droppedWithoutKey.get();
  }

  /**
   * Returns how many requests were given up after their last attempt, those refused with HTTP 400
   * included.
   */
  public long failedRequestCount() {
    return client.failedRequestCount();
  }

  /** Returns how many trace and span objects were dropped for being too big for any request. */
  public long droppedTooLargeCount() {
    return droppedTooLarge.get();
  }

  @Override
  public void export(List<TraceRecord> traces, List<SpanRecord> spans) {
    Map<String, List<Object>> byKey = new LinkedHashMap<>();
    int withoutKey = 0;
    for (TraceRecord trace : traces) {
      if (!trace.isEnded()) {
        withoutKey += add(byKey, keyOf(trace), trace);
      }
    }
    for (SpanRecord span : spans) {
      withoutKey += add(byKey, keyOf(span.trace()), span);
    }
    if (withoutKey > 0) {
      droppedWithoutKey.addAndGet(withoutKey);
      if (warnedNoKey.compareAndSet(false, true)) {
        WeftLog.warn(
            "openai exporter: no API key (set weft.openai.api-key or OPENAI_API_KEY);"
                + " traces without a key of their own are not sent");
      }
    }
    for (Map.Entry<String, List<Object>> group : byKey.entrySet()) {
      List<IngestPayload.Item> items = items(group.getValue());
      try {
        for (List<IngestPayload.Item> request : IngestPayload.split(items, maxRequestBytes)) {
          client.send(group.getKey(), request);
        }
      } catch (InterruptedException e) {
        // The batch processor's deadline passed: leave at once, keeping the interrupt for it.
        Thread.currentThread().interrupt();
        WeftLog.warn("openai exporter: interrupted; unsent items are dropped");
        return;
      }
    }
  }

  /** Returns the objects to send for records, leaving out those that cannot be sent. */
  private List<IngestPayload.Item> items(List<Object> records) {
    List<IngestPayload.Item> items = new ArrayList<>(records.size());
    for (Object record : records) {
      IngestPayload.Item item;
      try {
        item = IngestPayload.item(record);
      } catch (IOException | RuntimeException e) {
        WeftLog.warnRateLimited("openai-payload", "openai exporter: writing an item failed", e);
        continue;
      }
      if (IngestPayload.fitsAlone(item, maxRequestBytes)) {
        items.add(item);
      } else {
        droppedTooLarge.incrementAndGet();
        WeftLog.warnRateLimited(
            "openai-too-large",
            "openai exporter: a "
                + item.kind()
                + " of "
                + item.json().length
                + " bytes is bigger than a request may be ("
                + maxRequestBytes
                + " bytes) and is dropped",
            null);
      }
    }
    return items;
  }

  private static int add(Map<String, List<Object>> byKey, String key, Object item) {
    if (key == null) {
      return 1;
    }
    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
    return 0;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Waits between attempts; replaceable so tests observe the waits without spending them. */
  @FunctionalInterface
  public interface Sleeper {
    /** The sleeper that really waits. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    /** Waits for {@code duration}; an interrupt ends the wait and the request. */
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Builds an {@link OpenAiExporter}; each setter checks its value at once. */
  public static final class Builder {
    private URI endpoint = DEFAULT_ENDPOINT;
    private String apiKey;
    private String organization;
    private String project;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private Duration baseDelay = DEFAULT_BASE_DELAY;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /** Sets the ingest URL; http or https. */
    public Builder endpoint(URI value) {
      if (value == null
          || !("http".equals(value.getScheme()) || "https".equals(value.getScheme()))) {
        throw new IllegalArgumentException("endpoint must be an http(s) URL: " + value);
      }
      this.endpoint = value;
      return this;
    }

    /** Sets the API key for traces without one of their own; null for none. */
    public Builder apiKey(String value) {
      this.apiKey = value;
      return this;
    }

    /** Sets the {@code OpenAI-Organization} header; null for none. */
    public Builder organization(String value) {
      this.organization = value;
      return this;
    }

    /** Sets the {@code OpenAI-Project} header; null for none. */
    public Builder project(String value) {
      this.project = value;
      return this;
    }

    /**
     * Takes the organization and project from {@code OPENAI_ORG_ID} and {@code OPENAI_PROJECT_ID}
     * in the given variables, when set.
     */
    public Builder environment(Map<String, String> variables) {
      if (variables.get("OPENAI_ORG_ID") != null) {
        organization = variables.get("OPENAI_ORG_ID");
      }
      if (variables.get("OPENAI_PROJECT_ID") != null) {
        project = variables.get("OPENAI_PROJECT_ID");
      }
      return this;
    }

    /** Sets how long one attempt may take, connecting included; positive. */
    public Builder timeout(Duration value) {
      this.timeout = positive("timeout", value);
      return this;
    }

    /** Sets the number of attempts per request, the first included; 1 to 10. */
    public Builder maxAttempts(int value) {
      if (value < 1 || value > 10) {
        throw new IllegalArgumentException("maxAttempts must be from 1 to 10: " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Sets the largest request body, in bytes; from 1024 to 100 000 000. Batches are split to stay
     * within it.
     */
    public Builder maxRequestBytes(int value) {
      if (value < 1024 || value > 100_000_000) {
        throw new IllegalArgumentException(
            "maxRequestBytes must be from 1024 to 100000000: " + value);
      }
      this.maxRequestBytes = value;
      return this;
    }

    /** Sets the wait before the second attempt; positive. */
    public Builder baseDelay(Duration value) {
      this.baseDelay = positive("baseDelay", value);
      return this;
    }

    /** Sets the longest wait between attempts; positive. */
    public Builder maxDelay(Duration value) {
      this.maxDelay = positive("maxDelay", value);
      return this;
    }

    /** Sets how waits between attempts are spent. */
    public Builder sleeper(Sleeper value) {
      if (value == null) {
        throw new IllegalArgumentException("sleeper must not be null");
      }
      this.sleeper = value;
      return this;
    }

    /** Builds the exporter. */
    public OpenAiExporter build() {
      return new OpenAiExporter(this);
    }

    private static Duration positive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
