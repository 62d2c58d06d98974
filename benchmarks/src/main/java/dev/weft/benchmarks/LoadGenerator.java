package dev.weft.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed number of clients, each sending {@code GET} to one URL and waiting for the answer before
 * sending the next (a closed loop), for a given time: the requests per second and the latencies are
 * what the server sustains at that concurrency.
 */
final class LoadGenerator {
  /**
   * What one load phase measured.
   *
   * @param answered requests answered with 200
   * @param failed requests answered otherwise or not at all
   * @param seconds how long the phase took, until the last client stopped
   * @param latencyMillis the latencies of the answered requests, sorted
   * @param firstFailure the first failure's description, or null
   */
  record Stats(
      long answered, long failed, double seconds, double[] latencyMillis, String firstFailure) {
    double requestsPerSecond() {
      return answered / seconds;
    }

    /** Returns the latency below which {@code percent} of the answered requests fall. */
    double percentile(double percent) {
      if (latencyMillis.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(percent / 100 * latencyMillis.length) - 1;
      return latencyMillis[Math.max(0, Math.min(rank, latencyMillis.length - 1))];
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final HttpRequest request;

  LoadGenerator(URI uri) {
    this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
  }

  /** Sends one request; returns null when it was answered with 200, else what went wrong. */
  String once() throws InterruptedException {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return null;
      }
      String body = response.body();
      return "HTTP "
          + response.statusCode()
          + ": "
          + body.substring(0, Math.min(body.length(), 500));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Runs {@code clients} closed-loop clients for {@code duration}. */
  Stats run(int clients, Duration duration) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Client> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Client client = new Client(end);
      all.add(client);
      Thread thread = new Thread(client, "load-client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] millis =
        all.stream()
            .flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.answered))
            .mapToDouble(n -> n / 1e6)
            .sorted()
            .toArray();
    long failed = all.stream().mapToLong(c -> c.failed).sum();
    String firstFailure =
        all.stream().map(c -> c.firstFailure).filter(f -> f != null).findFirst().orElse(null);
    return new Stats(millis.length, failed, seconds, millis, firstFailure);
  }

  /** One client: sends, waits for the answer, records its latency, until the end time. */
  private final class Client implements Runnable {
    private final long end;
    private long[] latencies = new long[1024];
    private int answered;
    private long failed;
    private String firstFailure;

    Client(long end) {
      this.end = end;
    }

    @Override
    public void run() {
      try {
        while (System.nanoTime() < end) {
          long sent = System.nanoTime();
          String failure = once();
          if (failure == null) {
            if (answered == latencies.length) {
              latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[answered++] = System.nanoTime() - sent;
          } else {
            failed++;
            if (firstFailure == null) {
              firstFailure = failure;
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
