package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

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
  void makeCurrent_ofTheContextAlreadyCurrent_isANoopScope() {
    try (Trace trace = Tracing.trace("wf").start()) {
      assertThat(TracingContext.current().makeCurrent()).isSameAs(Scope.NOOP);
    }
  }
}
