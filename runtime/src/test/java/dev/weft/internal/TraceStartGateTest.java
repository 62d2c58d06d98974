package dev.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Trace;
import dev.weft.Tracer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceStartGateTest {

  @AfterEach
  void open() {
    TraceStartGate.closeUntil(new CountDownLatch(0));
    TraceStartGate.pass();
  }

  @Test
  void aTraceStartingWhileTheGateIsClosed_waitsUntilItOpens() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    TraceStartGate.closeUntil(done);
    Tracer tracer = Tracer.builder().build();
    AtomicReference<Trace> started = new AtomicReference<>();
    Thread starter = new Thread(() -> started.set(tracer.trace("gated").start()));
    starter.start();

    awaitState(starter, Thread.State.TIMED_WAITING);
    assertThat(started.get()).as("no trace before the gate opens").isNull();

    done.countDown();
    starter.join(5_000);
    assertThat(started.get()).isNotNull();
    assertThat(started.get().workflowName()).isEqualTo("gated");
    started.get().end();
  }

  @Test
  void anInterruptedStart_goesOnAndKeepsItsInterrupt() {
    TraceStartGate.closeUntil(new CountDownLatch(1));
    Thread.currentThread().interrupt();
    try {
      TraceStartGate.pass();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (thread.getState() != state && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(thread.getState()).isEqualTo(state);
  }
}
