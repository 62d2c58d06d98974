package dev.weft.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Span;
import dev.weft.Tracing;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextPropagationTest {

  @BeforeEach
  void configure() {
    TracingSetup.configure("");
  }

  @Test
  void wrap_withNothingCurrent_returnsTheTaskItself() {
    Runnable task = () -> {};
    Callable<String> callable = () -> "x";

    assertThat(ContextPropagation.wrap(task)).isSameAs(task);
    assertThat(ContextPropagation.wrap(callable)).isSameAs(callable);
    assertThat(ContextPropagation.wrap((Runnable) null)).isNull();
  }

  @Test
  void wrap_carriesTheCurrentSpanToAnotherThread() throws Exception {
    AtomicReference<Span> seen = new AtomicReference<>();
    Runnable wrapped;
    Span span;
    try (Span current = Tracing.startCustomSpan("parent", null)) {
      span = current;
      wrapped = ContextPropagation.wrap(() -> seen.set(Tracing.currentSpan()));
    }
    Thread thread = new Thread(wrapped);
    thread.start();
    thread.join();

    assertThat(seen.get()).isSameAs(span);
  }

  @Test
  void wrapUnlessFuture_leavesFuturesAsTheyAre() {
    FutureTask<String> future = new FutureTask<>(() -> "x");
    try (Span ignored = Tracing.startCustomSpan("parent", null)) {
      assertThat(ContextPropagation.wrapUnlessFuture(future)).isSameAs(future);
      assertThat(ContextPropagation.wrapUnlessFuture(() -> {})).isNotNull();
    }
  }
}
