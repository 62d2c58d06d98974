package dev.weft.export.openai;

import dev.weft.internal.WeftLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts ingest requests: the headers of the OpenAI Agents SDK, a time limit per attempt, further
 * attempts as {@link Backoff} decides, and one log line for a request given up. A request refused
 * with HTTP 400 is never tried again: the endpoint refused its body, which would be refused again.
 */
final class IngestClient {
  /** How many distinct reasons for a 400 are each said once before they are rate-limited. */
  private static final int MAX_SAID_REJECTIONS = 64;

  private static final String USER_AGENT = "Weft/" + version() + " Java/" + javaVersion();

  private final URI endpoint;
  private final String organization;
  private final String project;
  private final Duration timeout;
  private final int maxAttempts;
  private final Backoff backoff;
  private final OpenAiExporter.Sleeper sleeper;
  private final HttpClient client;
  private final AtomicLong failedRequests = new AtomicLong();
  private final Set<String> saidRejections = ConcurrentHashMap.newKeySet();

  IngestClient(
      URI endpoint,
      String organization,
      String project,
      Duration timeout,
      int maxAttempts,
      Backoff backoff,
      OpenAiExporter.Sleeper sleeper) {
    this.endpoint = endpoint;
    this.organization = organization;
    this.project = project;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Returns how many requests were given up, those refused with HTTP 400 included. */
  long failedRequestCount() {
    return failedRequests.get();
  }

  /**
   * Sends one request of items with {@code key}, trying again as {@link Backoff} decides, except
   * after a 400; a request given up is counted and logged.
   *
   * @throws InterruptedException when interrupted while sending or waiting; the request is dropped
   */
  void send(String key, List<IngestPayload.Item> sent) throws InterruptedException {
    HttpRequest request = request(key, IngestPayload.body(sent));
    int items = sent.size();
    for (int attempt = 1; ; attempt++) {
      HttpHeaders headers = null;
      String problem;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
            WeftLog.debug("openai exporter: sent " + items + " items");
          }
          return;
        }
        if (status == 400) {
          // The body itself was refused: sending it again would only be refused again.
          reject(IngestRejection.of(response.body(), sent), items);
          return;
        }
        problem = "HTTP " + status + " " + excerpt(response.body());
        if (!Backoff.shouldRetry(status, response.headers())) {
          giveUp(items, problem, attempt);
          return;
        }
        headers = response.headers();
      } catch (IOException e) {
        problem = e.toString();
      }
      if (attempt >= maxAttempts) {
        giveUp(items, problem, attempt);
        return;
      }
      sleeper.sleep(backoff.delay(attempt, headers));
    }
  }

  /** Says each distinct reason for a 400 once; the same reason again only at debug level. */
  private void reject(IngestRejection rejection, int items) {
    failedRequests.incrementAndGet();
    String line =
        "openai exporter: HTTP 400, "
            + items
            + (items == 1 ? " item" : " items")
            + " dropped, not retried: "
            + rejection.reason()
            + " (span types: "
            + String.join(", ", rejection.kinds())
            + ")";
    if (saidRejections.size() >= MAX_SAID_REJECTIONS) {
      WeftLog.warnRateLimited("openai-rejected", line, null);
    } else if (saidRejections.add(rejection.fault() + " " + rejection.kinds())) {
      WeftLog.warn(line);
    } else if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
      WeftLog.debug(line);
    }
  }

  private void giveUp(int items, String problem, int attempts) {
    failedRequests.incrementAndGet();
    WeftLog.warnRateLimited(
        "openai-send",
        "openai exporter: "
            + items
            + " items not sent after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + problem,
        null);
  }

  private HttpRequest request(String key, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .header("OpenAI-Beta", "traces=v1")
            .header("User-Agent", USER_AGENT);
    if (organization != null) {
      b.header("OpenAI-Organization", organization);
    }
    if (project != null) {
      b.header("OpenAI-Project", project);
    }
    return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  private static String version() {
    String v = OpenAiExporter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static String javaVersion() {
    return System.getProperty("java.version", "unknown");
  }
}
