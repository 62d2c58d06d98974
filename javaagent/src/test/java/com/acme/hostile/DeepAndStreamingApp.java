package com.acme.hostile;

import dev.weft.annotations.ToolSpan;
import dev.weft.annotations.Workflow;
import java.util.List;
import java.util.stream.Stream;

/**
 * An application that overflows its stack inside a traced recursion and catches the error, then
 * runs three more workflows; and a tool that streams its chunks slowly.
 */
public final class DeepAndStreamingApp {
  private DeepAndStreamingApp() {}

  public static void main(String[] args) throws Exception {
    try {
      overflow(0);
    } catch (StackOverflowError e) {
      System.out.println("caught the overflow");
    }
    for (int i = 0; i < 3; i++) {
      System.out.println("after " + afterwards(i));
    }
    System.out.println("chunks " + readChunks());
    System.out.println("first " + firstChunkOnly());
    System.out.println("published " + published());
  }

  @Workflow(name = "abandoning")
  static String firstChunkOnly() {
    // Takes the first chunk and leaves the stream unread and unclosed.
    return chunks(5).findFirst().orElse("none");
  }

  @Workflow(name = "publishing")
  static List<String> published() throws Exception {
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    ticker(4)
        .subscribe(
            new java.util.concurrent.Flow.Subscriber<String>() {
              @Override
              public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(String item) {
                received.add(item);
              }

              @Override
              public void onError(Throwable failure) {
                done.completeExceptionally(failure);
              }

              @Override
              public void onComplete() {
                done.complete(null);
              }
            });
    done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    return received;
  }

  @ToolSpan(name = "ticker")
  static java.util.concurrent.Flow.Publisher<String> ticker(int count) {
    java.util.concurrent.SubmissionPublisher<String> publisher =
        new java.util.concurrent.SubmissionPublisher<>();
    Thread feeder =
        new Thread(
            () -> {
              for (int i = 1; i <= count; i++) {
                try {
                  Thread.sleep(60);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                publisher.submit("tick-" + i);
              }
              publisher.close();
            });
    feeder.setDaemon(true);
    feeder.start();
    return publisher;
  }

  @Workflow(name = "overflow")
  static int overflow(int depth) {
    return depth(depth);
  }

  @ToolSpan(name = "depth")
  static int depth(int depth) {
    return depth(depth + 1) + 1;
  }

  @Workflow(name = "afterwards")
  static int afterwards(int i) {
    return i * 2;
  }

  @Workflow(name = "streaming")
  static List<String> readChunks() {
    try (Stream<String> chunks = chunks(5)) {
      return chunks.toList();
    }
  }

  @ToolSpan(name = "chunks")
  static Stream<String> chunks(int count) {
    return Stream.iterate(1, i -> i <= count, i -> i + 1)
        .map(
            i -> {
              try {
                Thread.sleep(60);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "chunk-" + i;
            });
  }
}
