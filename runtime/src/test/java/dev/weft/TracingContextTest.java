package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingContextTest {

  @BeforeEach
  void setUp() {
    TestTracing.reset();
  }

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
  }

  @Test
  void current_withNothingCurrent_isEmpty_andWrapReturnsTheTaskItself() {
    TracingContext context = TracingContext.current();
    assertThat(context.isEmpty()).isTrue();
    assertThat(context.trace()).isNull();
    Runnable task = () -> {};
    assertThat(context.wrap(task)).isSameAs(task);
  }

  @Test
  void makeCurrent_onAnotherThread_nestsUnderTheCapturedSpan_andRestores() throws Exception {
    AtomicReference<String> parent = new AtomicReference<>();
    AtomicReference<Object> afterwards = new AtomicReference<>("unset");
    try (Trace trace = Tracing.trace("wf").start();
        Span agent = Tracing.startAgentSpan("agent")) {
      TracingContext context = TracingContext.current();
      assertThat(context.span()).isSameAs(agent);
      assertThat(context.trace()).isSameAs(trace);
      Thread thread =
          new Thread(
              () -> {
                try (Scope scope = context.makeCurrent();
                    Span tool = Tracing.startFunctionSpan("tool", "{}")) {
                  parent.set(tool.parentId());
                }
                afterwards.set(Tracing.currentTrace());
              });
      thread.start();
      thread.join();
      assertThat(parent).hasValue(agent.spanId());
    }
    assertThat(afterwards).hasValue(null);
  }

  @Test
  void wrap_ofATaskBoundAlready_returnsItAsItIs() throws Exception {
    Runnable runnable;
    Callable<String> callable;
    try (Trace trace = Tracing.trace("wf").start()) {
      runnable = TracingContext.current().wrap(() -> {});
      callable = TracingContext.current().wrap(() -> "x");
      try (Span agent = Tracing.startAgentSpan("agent")) {
        assertThat(TracingContext.current().wrap(runnable)).isSameAs(runnable);
        assertThat(TracingContext.current().wrap(callable)).isSameAs(callable);
      }
    }
    assertThat(callable.call()).isEqualTo("x");
  }

  @Test
  void wrap_ofACallable_callsItWithinTheContext_andRestores() throws Exception {
    Callable<Trace> task = Tracing::currentTrace;
    Callable<Trace> wrapped;
    Trace started;
    try (Trace trace = Tracing.trace("wf").start()) {
      started = trace;
      wrapped = TracingContext.current().wrap(task);
    }

    assertThat(wrapped.call()).isSameAs(started);
    assertThat(Tracing.currentTrace()).isNull();
  }

  @Test
  void makeCurrent_ofTheContextAlreadyCurrent_isANoopScope() {
    try (Trace trace = Tracing.trace("wf").start()) {
      assertThat(TracingContext.current().makeCurrent()).isSameAs(Scope.NOOP);
    }
  }
}
