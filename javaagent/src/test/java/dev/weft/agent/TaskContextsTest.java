package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.threads.ThreadStarts;
import dev.weft.Scope;
import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.TracingContext;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Which started threads keep the context they were started in: those the application starts, not
 * those a pool or the JDK starts for work of their own.
 */
class TaskContextsTest {

  @Test
  void aThreadTheApplicationStartsInASpan_runsInThatSpan() {
    Thread thread = new Thread(() -> {});
    try (Trace trace = Tracing.trace("wf").start();
        Span span = Tracing.startAgentSpan("starter")) {
      ThreadStarts.start(thread);
      assertThat(contextResumedFor(thread)).isSameAs(span);
    }
  }

  @Test
  void aThreadStartedWhileAPoolStartsItsOwn_keepsNoContext() {
    Thread thread = new Thread(() -> {});
    try (Trace trace = Tracing.trace("wf").start();
        Span span = Tracing.startAgentSpan("starter")) {
      boolean marked = TaskContexts.markPoolStart();
      try {
        // A nested mark leaves the outer one in place.
        assertThat(TaskContexts.markPoolStart()).isFalse();
        ThreadStarts.start(thread);
      } finally {
        TaskContexts.unmarkPoolStart();
      }
      assertThat(marked).isTrue();
      assertThat(contextResumedFor(thread)).isNull();

      Thread after = new Thread(() -> {});
      ThreadStarts.start(after);
      assertThat(contextResumedFor(after)).isSameAs(span);
    }
  }

  @Test
  void aThreadOfAJdkThreadClass_keepsNoContext_whoeverStartsIt() {
    ForkJoinPool pool = new ForkJoinPool(1);
    try (Trace trace = Tracing.trace("wf").start();
        Span span = Tracing.startAgentSpan("starter")) {
      Thread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      ThreadStarts.start(worker);
      assertThat(contextResumedFor(worker)).isNull();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Returns the span current while {@code thread}'s run would run, or null. */
  private static Span contextResumedFor(Thread thread) {
    Scope scope = TaskContexts.resume(thread);
    if (scope == null) {
      return null;
    }
    try (scope) {
      return TracingContext.current().span();
    }
  }
}
