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
