package dev.weft.processor;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An exporter that keeps what it receives and can be held at a gate to simulate a slow backend. */
final class CollectingExporter implements SpanExporter {
  final List<TraceRecord> traces = Collections.synchronizedList(new ArrayList<>());
  final List<SpanRecord> spans = Collections.synchronizedList(new ArrayList<>());
  final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch gate;
  volatile int flushes;
  volatile int shutdowns;

  CollectingExporter(boolean open) {
    this.gate = new CountDownLatch(open ? 0 : 1);
  }

  @Override
  public void export(List<TraceRecord> newTraces, List<SpanRecord> newSpans) throws Exception {
    gate.await();
    traces.addAll(newTraces);
    spans.addAll(newSpans);
    batchSizes.add(newTraces.size() + newSpans.size());
  }

  @Override
  public void flush() {
    flushes++;
  }

  @Override
  public void shutdown() {
    shutdowns++;
  }

  int exported() {
    return traces.size() + spans.size();
  }

  /** Waits until at least {@code count} items were exported; false on timeout. */
  boolean awaitExported(int count, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (exported() < count) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }
}
