package com.acme.agents;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.ToolSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Agents that run their tools in parallel, with no tracing code of their own. */
public class ParallelTools {
  @AgentSpan(name = "PoolAgent")
  public List<String> onPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int n = i;
        futures.add(pool.submit(() -> search("pool " + n)));
      }
      pool.execute(() -> search("pool execute"));
      List<String> results = new ArrayList<>();
      for (Future<String> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdown();
      pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @AgentSpan(name = "AsyncAgent")
  public List<String> onCompletableFutures() {
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      futures.add(CompletableFuture.supplyAsync(() -> search("async " + n)));
    }
    List<String> results = new ArrayList<>();
    for (CompletableFuture<String> future : futures) {
      results.add(future.join());
    }
    return results;
  }

  /** Runs tools on virtual threads when the JVM has them (found reflectively: built for 17). */
  @AgentSpan(name = "VirtualAgent")
  public List<String> onVirtualThreads() throws Exception {
    ExecutorService executor =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    List<String> results = new ArrayList<>();
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int n = i;
        Callable<String> task = () -> search("virtual " + n);
        futures.add(executor.submit(task));
      }
      for (Future<String> future : futures) {
        results.add(future.get());
      }
    } finally {
      executor.shutdown();
    }
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    Thread thread =
        (Thread)
            Class.forName("java.lang.Thread$Builder")
                .getMethod("start", Runnable.class)
                .invoke(builder, (Runnable) () -> search("virtual thread"));
    thread.join();
    return results;
  }

  @ToolSpan(name = "search")
  public String search(String query) {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "found " + query;
  }
}
