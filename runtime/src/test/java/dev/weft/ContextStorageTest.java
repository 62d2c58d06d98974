package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextStorageTest {
  private static final int THREADS = 8;
  private static final int DEPTH = 10_000;

  private RecordingProcessor recorder;

  @BeforeEach
  void setUp() {
    recorder = TestTracing.reset();
  }

  @AfterEach
  void tearDown() {
    TestTracing.clearContext();
  }

  @Test
  void eightThreads_eachNesting10000Spans_neverSeeAnotherThreadsSpan() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    Set<String> ownSpanIdsSeenAsParentsElsewhere = ConcurrentHashMap.newKeySet();
    try {
      List<Future<String>> traceIds = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String workflow = "thread-" + t;
        traceIds.add(
            pool.submit(
                () -> {
                  start.await();
                  try (Trace trace = Tracing.trace(workflow).start()) {
                    List<Span> open = new ArrayList<>(DEPTH);
                    Span parent = null;
                    for (int i = 0; i < DEPTH; i++) {
                      Span span = Tracing.startCustomSpan(workflow + "/" + i, null);
                      if (span.parent() != parent || !span.traceId().equals(trace.traceId())) {
                        ownSpanIdsSeenAsParentsElsewhere.add(span.spanId());
                      }
                      open.add(span);
                      parent = span;
                    }
                    for (int i = DEPTH - 1; i >= 0; i--) {
                      if (Tracing.currentSpan() != open.get(i)) {
                        ownSpanIdsSeenAsParentsElsewhere.add(open.get(i).spanId());
                      }
                      open.get(i).close();
                    }
                    if (Tracing.currentTrace() != trace || Tracing.currentSpan() != null) {
                      ownSpanIdsSeenAsParentsElsewhere.add("trace " + trace.traceId());
                    }
                    return trace.traceId();
                  }
                }));
      }
      start.countDown();
      Set<String> distinctTraces = new HashSet<>();
      for (Future<String> f : traceIds) {
        distinctTraces.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(distinctTraces).hasSize(THREADS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(ownSpanIdsSeenAsParentsElsewhere).isEmpty();
    assertThat(recorder.spanEnds).hasSize(THREADS * DEPTH);
    // Each span's parent is the previous span of its own thread, in its own thread's trace, so by
    // induction every parent chain stays within one thread.
    Map<String, String> traceOfWorkflow = new HashMap<>();
    Map<String, SpanRecord> byId = new HashMap<>();
    for (SpanRecord span : List.copyOf(recorder.spanEnds)) {
      byId.put(span.spanId(), span);
    }
    for (SpanRecord span : List.copyOf(recorder.spanEnds)) {
      SpanRecord parentRecord = span.parentId() == null ? null : byId.get(span.parentId());
      String name = span.data().displayName();
      String workflow = name.substring(0, name.indexOf('/'));
      int index = Integer.parseInt(name.substring(name.indexOf('/') + 1));
      String expectedParent = index == 0 ? null : workflow + "/" + (index - 1);
      assertThat(parentRecord == null ? null : parentRecord.data().displayName())
          .isEqualTo(expectedParent);
      assertThat(span.parentId() == null).isEqualTo(expectedParent == null);
      assertThat(traceOfWorkflow.computeIfAbsent(workflow, w -> span.traceId()))
          .isEqualTo(span.traceId());
    }
    assertThat(new HashSet<>(traceOfWorkflow.values())).hasSize(THREADS);
  }
}
