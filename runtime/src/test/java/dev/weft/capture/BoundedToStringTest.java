package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedToStringTest {
  private static final Duration BOUND = Duration.ofMillis(50);

  private final ToStringThreads threads = new ToStringThreads();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final BoundedToString toStrings = new BoundedToString(BOUND, threads, now::get);

  /** Released at the end of each test, so no call outlives it. */
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseCalls() {
    release.countDown();
    threads.shutdown();
  }

  /** A value whose {@code toString()} waits until the test releases it. */
  private final class Stuck {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String toString() {
      calls.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "stuck";
    }
  }

  /** A second class of the same kind, to hold a second thread. */
  private final class AlsoStuck {
    @Override
    public String toString() {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "also stuck";
    }
  }

  /** A value whose {@code toString()} tells where it ran, and takes as long as it is told. */
  private final class Traced {
    final AtomicReference<Thread> ranOn = new AtomicReference<>();
    final AtomicReference<ClassLoader> contextLoader = new AtomicReference<>();
    volatile long advanceNanos;

    @Override
    public String toString() {
      ranOn.set(Thread.currentThread());
      contextLoader.set(Thread.currentThread().getContextClassLoader());
      now.addAndGet(advanceNanos);
      return "traced";
    }
  }

  @Test
  void call_whenToStringOutlastsTheBound_returnsPlaceholderWithinIt() {
    long start = System.nanoTime();
    String text = toStrings.call(new Stuck());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(text)
        .isEqualTo("<toString() of " + Stuck.class.getName() + " took longer than 50 ms>");
    assertThat(millis).isBetween(BOUND.toMillis() - 1, 1_000L);
  }

  @Test
  void call_afterATimeout_givesThePlaceholderAtOnceWithoutCalling() {
    Stuck first = new Stuck();
    toStrings.call(first);
    Stuck second = new Stuck();

    long start = System.nanoTime();
    String text = toStrings.call(second);

    assertThat(System.nanoTime() - start).isLessThan(BOUND.toNanos() / 2);
    assertThat(text)
        .isEqualTo(
            "<toString() of "
                + Stuck.class.getName()
                + " not called: took longer than 50 ms before>");
    assertThat(second.calls).hasValue(0);
  }

  @Test
  void call_slowClass_isTriedAgainAfterTheRetryInterval_onlyOnceItsSlowCallReturned()
      throws Exception {
    toStrings.call(new Stuck());
    now.addAndGet(BoundedToString.RETRY_AFTER_NANOS);
    Stuck whileStuck = new Stuck();
    assertThat(toStrings.call(whileStuck)).contains("not called");
    assertThat(whileStuck.calls).hasValue(0);

    release.countDown();
    awaitNoOverdueCall();
    assertThat(toStrings.call(new Stuck())).isEqualTo("stuck");
    assertThat(toStrings.historyOf(Stuck.class).slow()).isFalse();
  }

  @Test
  void call_fastClass_runsOnARendererThread_untilTrusted_thenOnTheCallingThread() {
    Traced value = new Traced();
    for (int i = 0; i < ToStringHistory.TRUSTED_AFTER; i++) {
      assertThat(toStrings.call(value)).isEqualTo("traced");
      assertThat(value.ranOn.get()).isNotSameAs(Thread.currentThread());
      assertThat(value.ranOn.get().getName()).startsWith("weft-tostring-");
    }

    assertThat(toStrings.call(value)).isEqualTo("traced");
    assertThat(value.ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void call_rendererCallSlowerThanTheFastLimit_startsTheCountAgain() {
    Traced value = new Traced();
    for (int i = 0; i < ToStringHistory.TRUSTED_AFTER - 1; i++) {
      toStrings.call(value);
    }
    callTaking(value, BoundedToString.FAST_NANOS + 1);

    toStrings.call(value);

    assertThat(value.ranOn.get()).isNotSameAs(Thread.currentThread());
    assertThat(toStrings.historyOf(Traced.class).trusted()).isFalse();
  }

  @Test
  void call_trustedClass_slowerThanTheFastLimit_goesBackToRendererThreads() {
    Traced value = trusted();
    callTaking(value, BoundedToString.FAST_NANOS + 1);

    toStrings.call(value);

    assertThat(value.ranOn.get()).isNotSameAs(Thread.currentThread());
    assertThat(toStrings.historyOf(Traced.class).slow()).isFalse();
  }

  @Test
  void call_trustedClass_slowerThanTheBound_isRememberedAsSlow() {
    Traced value = trusted();
    assertThat(callTaking(value, BOUND.toNanos() + 1)).isEqualTo("traced");
    value.ranOn.set(null);

    assertThat(toStrings.call(value)).contains("not called: took longer than 50 ms before");
    assertThat(value.ranOn.get()).isNull();
  }

  @Test
  void call_whenEveryThreadIsHeldByAnOverdueCall_answersAtOnceWithoutQueueing() {
    toStrings.call(new Stuck());
    toStrings.call(new AlsoStuck());
    assertThat(threads.overdue()).isEqualTo(ToStringThreads.MAX_THREADS);
    Traced value = new Traced();

    long start = System.nanoTime();
    String text = toStrings.call(value);

    assertThat(System.nanoTime() - start).isLessThan(BOUND.toNanos() / 2);
    assertThat(text)
        .isEqualTo(
            "<toString() of "
                + Traced.class.getName()
                + " not called: the renderer's threads are busy>");
    assertThat(value.ranOn.get()).isNull();
    assertThat(toStrings.historyOf(Traced.class).slow()).isFalse();
  }

  @Test
  void call_throwingToString_isPlaceholder_andNeverTrusted() {
    Object throwing =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };
    for (int i = 0; i < ToStringHistory.TRUSTED_AFTER + 1; i++) {
      assertThat(toStrings.call(throwing)).isEqualTo("<toString() threw IllegalStateException>");
    }
    assertThat(toStrings.historyOf(throwing.getClass()).trusted()).isFalse();
  }

  @Test
  void call_withZeroBound_callsOnTheCallingThread() {
    BoundedToString unbounded = new BoundedToString(Duration.ZERO, threads, now::get);
    Traced value = new Traced();

    assertThat(unbounded.call(value)).isEqualTo("traced");
    assertThat(value.ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void call_keepsTheCallersInterrupt_andWaitsAllTheSame() {
    Traced value = new Traced();
    Thread.currentThread().interrupt();
    try {
      assertThat(toStrings.call(value)).isEqualTo("traced");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void call_runsWithTheCallersContextClassLoader_andNoneAfter() throws Exception {
    Thread current = Thread.currentThread();
    ClassLoader before = current.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[0], before)) {
      current.setContextClassLoader(loader);
      Traced value = new Traced();
      toStrings.call(value);
      assertThat(value.contextLoader.get()).isSameAs(loader);
      assertThat(value.ranOn.get().getContextClassLoader()).isNull();
    } finally {
      current.setContextClassLoader(before);
    }
  }

  @Test
  void call_doesNotHandTheCallersInheritableThreadLocalsToTheRendererThread() {
    InheritableThreadLocal<String> request = new InheritableThreadLocal<>();
    request.set("request-1");
    AtomicReference<String> seen = new AtomicReference<>("unset");
    Object value =
        new Object() {
          @Override
          public String toString() {
            seen.set(request.get());
            return "value";
          }
        };
    try {
      assertThat(toStrings.call(value)).isEqualTo("value");
      assertThat(seen.get()).isNull();
    } finally {
      request.remove();
    }
  }

  /** Renders {@code value} with its {@code toString()} taking {@code nanos} on the test's clock. */
  private String callTaking(Traced value, long nanos) {
    value.advanceNanos = nanos;
    try {
      return toStrings.call(value);
    } finally {
      value.advanceNanos = 0;
    }
  }

  private Traced trusted() {
    Traced value = new Traced();
    for (int i = 0; i < ToStringHistory.TRUSTED_AFTER; i++) {
      toStrings.call(value);
    }
    assertThat(toStrings.historyOf(Traced.class).trusted()).isTrue();
    return value;
  }

  private void awaitNoOverdueCall() throws InterruptedException {
    for (int i = 0; i < 200 && threads.overdue() > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(threads.overdue()).isZero();
  }
}
