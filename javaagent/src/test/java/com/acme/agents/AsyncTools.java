package com.acme.agents;

import dev.weft.annotations.CustomSpan;
import dev.weft.annotations.ToolSpan;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/** Tools whose results complete later. */
public class AsyncTools {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "timer");
            thread.setDaemon(true);
            return thread;
          });

  @ToolSpan(name = "fetch_async")
  public CompletableFuture<String> fetchAsync(String key) {
    CompletableFuture<String> result = new CompletableFuture<>();
    TIMER.schedule(() -> result.complete(slowLookup(key)), 150, TimeUnit.MILLISECONDS);
    return result;
  }

  @ToolSpan(name = "slow_lookup")
  public String slowLookup(String key) {
    return "value of " + key;
  }

  @ToolSpan(name = "fail_async")
  public CompletableFuture<String> failAsync(String key) {
    return CompletableFuture.supplyAsync(
        () -> {
          throw new IllegalStateException("async failure");
        });
  }

  @ToolSpan(name = "mono_lookup")
  public Mono<String> monoLookup(String key) {
    return Mono.fromCallable(() -> slowLookup("mono " + key))
        .delayElement(java.time.Duration.ofMillis(50));
  }

  @CustomSpan(name = "countdown")
  public int countdown(int n) {
    return n <= 0 ? 0 : 1 + countdown(n - 1);
  }
}
