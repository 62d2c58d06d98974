package dev.weft.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExportQueueTest {

  @Test
  void offer_whenFull_refusesAtOnce_atExactlyTheCapacity() {
    ExportQueue queue = new ExportQueue(5);
    for (int i = 0; i < 5; i++) {
      assertThat(queue.offer(i)).isTrue();
    }

    assertThat(queue.offer(5)).isFalse();
    assertThat(queue.size()).isEqualTo(5);
  }

  @Test
  void drainTo_takesItemsOldestFirst_atMostMax_andFreesRoom() {
    ExportQueue queue = new ExportQueue(4);
    for (int i = 0; i < 4; i++) {
      queue.offer(i);
    }
    List<Object> batch = new ArrayList<>();

    assertThat(queue.drainTo(batch, 3)).isEqualTo(3);
    assertThat(batch).containsExactly(0, 1, 2);
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.offer(4)).isTrue();
    assertThat(queue.offer(5)).isTrue();
    assertThat(queue.offer(6)).isTrue();
    assertThat(queue.offer(7)).isFalse();

    batch.clear();
    assertThat(queue.drainTo(batch, 10)).isEqualTo(4);
    assertThat(batch).containsExactly(3, 4, 5, 6);
    assertThat(queue.drainTo(batch, 10)).isZero();
    assertThat(queue.size()).isZero();
  }

  @Test
  void offerAndDrain_keepOrder_acrossManyWrapArounds() {
    ExportQueue queue = new ExportQueue(3);
    List<Object> batch = new ArrayList<>();
    int next = 0;
    for (int round = 0; round < 1000; round++) {
      int added = round % 3 + 1;
      for (int i = 0; i < added; i++) {
        assertThat(queue.offer(next + i)).isTrue();
      }
      batch.clear();
      queue.drainTo(batch, 3);
      List<Object> expected = new ArrayList<>();
      for (int i = 0; i < added; i++) {
        expected.add(next + i);
      }
      assertThat(batch).isEqualTo(expected);
      next += added;
    }
  }

  @Test
  void concurrentProducers_eachAcceptedItemIsDrainedExactlyOnce() throws Exception {
    ExportQueue queue = new ExportQueue(64);
    int producers = 4;
    int perProducer = 50_000;
    AtomicInteger accepted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int base = p * perProducer;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perProducer; i++) {
                  if (queue.offer(base + i)) {
                    accepted.incrementAndGet();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    Set<Object> seen = new HashSet<>();
    List<Object> batch = new ArrayList<>();
    int[] lastOfProducer = new int[producers];
    java.util.Arrays.fill(lastOfProducer, -1);
    start.countDown();
    boolean producing = true;
    while (producing || queue.size() > 0) {
      producing = threads.stream().anyMatch(Thread::isAlive);
      batch.clear();
      queue.drainTo(batch, 16);
      for (Object item : batch) {
        int value = (Integer) item;
        assertThat(seen.add(value)).as("drained twice: %d", value).isTrue();
        int producer = value / perProducer;
        assertThat(value).as("in order per producer").isGreaterThan(lastOfProducer[producer]);
        lastOfProducer[producer] = value;
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
    batch.clear();
    queue.drainTo(batch, Integer.MAX_VALUE);
    seen.addAll(batch);

    assertThat(seen).hasSize(accepted.get());
    assertThat(accepted.get()).isPositive();
  }

  @Test
  void capacity_outOfRange_isRejected() {
    assertThatThrownBy(() -> new ExportQueue(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExportQueue(ExportQueue.MAX_CAPACITY + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
