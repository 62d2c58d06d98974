package com.acme.threads;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * An agent that hands its tool calls to other threads in every way the JDK offers without an
 * executor service: a parallel stream, a recursive fork/join task, a thread of its own, a timer, a
 * scheduled executor; and a tool whose result is a future completed later on another thread.
 */
public final class HandOffApp {
  private HandOffApp() {}

  /** A pool whose only thread is started inside the trace, and runs other work after it. */
  private static final java.util.concurrent.ExecutorService POOL =
      Executors.newSingleThreadExecutor();

  public static void main(String[] args) throws Exception {
    System.out.println("handed off " + run("hand-off"));
    System.out.println("afterwards " + POOL.submit(() -> untracedTool("later")).get());
    POOL.shutdown();
    System.out.println("future " + awaitFuture());
    System.out.println("reactive " + reactive());
  }

  @Workflow(name = "reactive")
  static String reactive() {
    // Subscribed on another thread; the subscriber calls a tool for the answer it receives.
    return answerer()
        .subscribeOn(reactor.core.scheduler.Schedulers.single())
        .map(answer -> tool("subscriber-" + answer))
        .block();
  }

  @AgentSpan(name = "answerer")
  static reactor.core.publisher.Mono<String> answerer() {
    return reactor.core.publisher.Mono.fromCallable(() -> tool("upstream"));
  }

  @Workflow(name = "hand-off")
  static String run(String name) throws Exception {
    return agent(name);
  }

  @AgentSpan(name = "dispatcher")
  static String agent(String name) throws Exception {
    List<String> parallel =
        IntStream.range(0, 8).parallel().mapToObj(i -> tool("parallel-" + i)).toList();

    String forked = ForkJoinPool.commonPool().invoke(new Split(0, 4));

    String[] fromThread = new String[1];
    Thread thread = new Thread(() -> fromThread[0] = tool("thread"));
    thread.start();
    thread.join();

    CountDownLatch timed = new CountDownLatch(1);
    String[] fromTimer = new String[1];
    Timer timer = new Timer("hand-off-timer", true);
    timer.schedule(
        new TimerTask() {
          @Override
          public void run() {
            fromTimer[0] = tool("timer");
            timed.countDown();
          }
        },
        20);
    timed.await(10, TimeUnit.SECONDS);
    timer.cancel();

    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    String scheduled = scheduler.schedule(() -> tool("scheduled"), 20, TimeUnit.MILLISECONDS).get();
    scheduler.shutdown();

    String pooled = POOL.submit(() -> tool("pooled")).get();

    return parallel.size()
        + " "
        + pooled
        + " "
        + forked
        + " "
        + fromThread[0]
        + " "
        + fromTimer[0]
        + " "
        + scheduled;
  }

  /** Splits a range into forked halves down to single tool calls. */
  static final class Split extends RecursiveTask<String> {
    private final int from;
    private final int to;

    Split(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    protected String compute() {
      if (to - from == 1) {
        return tool("forked-" + from);
      }
      int middle = (from + to) / 2;
      Split left = new Split(from, middle);
      Split right = new Split(middle, to);
      left.fork();
      right.fork();
      return right.join() + "+" + left.join();
    }
  }

  @ToolSpan(name = "work")
  static String tool(String what) {
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return what;
  }

  @ToolSpan(name = "untraced")
  static String untracedTool(String what) {
    return what;
  }

  @Workflow(name = "future")
  static String awaitFuture() throws Exception {
    // The caller notes when it sees the result; the tool's span must have ended by then.
    return slowly("answer").thenApply(value -> value + " seen at " + Instant.now()).get();
  }

  @ToolSpan(name = "slowly")
  static CompletableFuture<String> slowly(String value) {
    CompletableFuture<String> future = new CompletableFuture<>();
    Thread completer =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              future.complete(value);
            });
    completer.setDaemon(true);
    completer.start();
    return future;
  }
}
