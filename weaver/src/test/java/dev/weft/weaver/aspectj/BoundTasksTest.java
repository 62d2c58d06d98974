package dev.weft.weaver.aspectj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoundTasksTest {
  private ExecutorService pool;

  @BeforeEach
  void configure() {
    Tracing.configure(WeftConfig.load("exporters=none"));
    pool = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @Test
  void bind_withNothingCurrent_returnsEveryTaskItself() {
    Runnable runnable = () -> {};
    Callable<String> callable = () -> "x";
    Supplier<String> supplier = () -> "x";
    Function<String, String> function = value -> value;
    Consumer<String> consumer = value -> {};
    BiFunction<String, String, String> biFunction = (first, second) -> first;
    BiConsumer<String, String> biConsumer = (first, second) -> {};
    ForkJoinTask<?> forkJoinTask = ForkJoinTask.adapt(() -> {});
    List<Callable<String>> callables = List.of(callable);

    assertThat(BoundTasks.bind(runnable)).isSameAs(runnable);
    assertThat(BoundTasks.bind(callable)).isSameAs(callable);
    assertThat(BoundTasks.bind(supplier)).isSameAs(supplier);
    assertThat(BoundTasks.bind(function)).isSameAs(function);
    assertThat(BoundTasks.bind(consumer)).isSameAs(consumer);
    assertThat(BoundTasks.bind(biFunction)).isSameAs(biFunction);
    assertThat(BoundTasks.bind(biConsumer)).isSameAs(biConsumer);
    assertThat(BoundTasks.bind(forkJoinTask)).isSameAs(forkJoinTask);
    assertThat(BoundTasks.bindAll(callables)).isSameAs(callables);
    assertThat(BoundTasks.bind((Supplier<?>) null)).isNull();
  }

  @Test
  void bind_runsEachTaskOnAnotherThreadWithinTheSpanCurrentAtTheCall() throws Exception {
    List<Span> seen = new ArrayList<>();
    Supplier<Span> supplier = Tracing::currentSpan;
    Function<String, Span> function = value -> Tracing.currentSpan();
    Consumer<String> consumer = value -> seen.add(Tracing.currentSpan());
    BiFunction<String, Throwable, Span> biFunction = (value, failure) -> Tracing.currentSpan();
    BiConsumer<String, Throwable> biConsumer = (value, failure) -> seen.add(Tracing.currentSpan());
    Span parent;
    try (Span span = Tracing.startCustomSpan("parent", null)) {
      parent = span;
      supplier = BoundTasks.bind(supplier);
      function = BoundTasks.bind(function);
      consumer = BoundTasks.bind(consumer);
      biFunction = BoundTasks.bind(biFunction);
      biConsumer = BoundTasks.bind(biConsumer);
    }

    seen.add(CompletableFuture.supplyAsync(supplier, pool).get());
    seen.add(CompletableFuture.completedFuture("x").thenApplyAsync(function, pool).get());
    CompletableFuture.completedFuture("x").thenAcceptAsync(consumer, pool).get();
    seen.add(CompletableFuture.completedFuture("x").handleAsync(biFunction, pool).get());
    CompletableFuture.completedFuture("x").whenCompleteAsync(biConsumer, pool).get();

    assertThat(seen).hasSize(5).allSatisfy(span -> assertThat(span).isSameAs(parent));
    assertThat(pool.submit(Tracing::currentSpan).get()).isNull();
  }

  @Test
  void bind_ofATaskBoundAlready_returnsItAsItIs() {
    Supplier<String> supplier = () -> "x";
    Function<String, String> function = value -> value;
    Consumer<String> consumer = value -> {};
    BiFunction<String, String, String> biFunction = (first, second) -> first;
    BiConsumer<String, String> biConsumer = (first, second) -> {};
    Runnable runnable = () -> {};
    Callable<String> callable = () -> "x";
    try (Span span = Tracing.startCustomSpan("parent", null)) {
      supplier = BoundTasks.bind(supplier);
      function = BoundTasks.bind(function);
      consumer = BoundTasks.bind(consumer);
      biFunction = BoundTasks.bind(biFunction);
      biConsumer = BoundTasks.bind(biConsumer);
      ForkJoinTask<?> forkJoinTask = BoundTasks.bind(ForkJoinTask.adapt(() -> {}));
      runnable = Tracing.wrap(runnable);
      callable = Tracing.wrap(callable);

      try (Span child = Tracing.startCustomSpan("child", null)) {
        assertThat(BoundTasks.bind(supplier)).isSameAs(supplier);
        assertThat(BoundTasks.bind(function)).isSameAs(function);
        assertThat(BoundTasks.bind(consumer)).isSameAs(consumer);
        assertThat(BoundTasks.bind(biFunction)).isSameAs(biFunction);
        assertThat(BoundTasks.bind(biConsumer)).isSameAs(biConsumer);
        assertThat(BoundTasks.bind(forkJoinTask)).isSameAs(forkJoinTask);
        assertThat(BoundTasks.bind(runnable)).isSameAs(runnable);
        assertThat(BoundTasks.bind(callable)).isSameAs(callable);
      }
    }
  }

  @Test
  void bind_resultsAndExceptionsPassThroughAsTheSameInstances_andWhatWasCurrentIsRestored() {
    Object result = new Object();
    IllegalStateException failure = new IllegalStateException("tool failed");
    Supplier<Object> supplier = () -> result;
    Function<String, Object> failing =
        value -> {
          throw failure;
        };
    Supplier<Object> boundSupplier;
    Function<String, Object> boundFailing;
    try (Span span = Tracing.startCustomSpan("parent", null)) {
      boundSupplier = BoundTasks.bind(supplier);
      boundFailing = BoundTasks.bind(failing);
    }

    assertThat(boundSupplier.get()).isSameAs(result);
    assertThatThrownBy(() -> boundFailing.apply("x")).isSameAs(failure);
    assertThat(Tracing.currentSpan()).isNull();
  }

  @Test
  void bindAll_bindsEveryCallableInItsPlace_andLeavesACollectionOfOtherThingsAlone()
      throws Exception {
    Span parent;
    Collection<?> bound;
    Collection<?> foreign = new ArrayList<>(List.of("not a task"));
    Callable<Object> first = () -> List.of("first", Tracing.currentSpan());
    Callable<Object> second = () -> List.of("second", Tracing.currentSpan());
    try (Span span = Tracing.startCustomSpan("parent", null)) {
      parent = span;
      bound = BoundTasks.bindAll(List.of(first, second));
      assertThat(BoundTasks.bindAll(foreign)).isSameAs(foreign);
      assertThat(BoundTasks.bindAll(Set.of())).isEmpty();
    }

    List<Object> answers = new ArrayList<>();
    for (Object task : bound) {
      answers.add(pool.submit((Callable<?>) task).get());
    }
    assertThat(answers).containsExactly(List.of("first", parent), List.of("second", parent));
  }

  @Test
  void bind_forkJoinTask_runsItInThePoolWithinTheContext_andTheTaskItselfCompletes()
      throws Exception {
    ForkJoinPool forkJoinPool = new ForkJoinPool(1);
    try {
      CurrentSpan task = new CurrentSpan();
      Span parent;
      ForkJoinTask<Span> bound;
      try (Span span = Tracing.startCustomSpan("parent", null)) {
        parent = span;
        bound = BoundTasks.bind(task);
      }

      assertThat(bound).isNotSameAs(task);
      assertThat(forkJoinPool.invoke(bound)).isSameAs(parent);
      assertThat(task.isDone()).isTrue();
      assertThat(task.join()).isSameAs(parent);
    } finally {
      forkJoinPool.shutdownNow();
    }
  }

  @Test
  void bind_forkJoinTask_theTaskItselfCanBeJoined_andItsFailureIsItsOwn() throws Exception {
    ForkJoinPool forkJoinPool = new ForkJoinPool(1);
    try {
      IllegalStateException failure = new IllegalStateException("tool failed");
      ForkJoinTask<?> task =
          ForkJoinTask.adapt(
              () -> {
                throw failure;
              });
      try (Span span = Tracing.startCustomSpan("parent", null)) {
        forkJoinPool.execute(BoundTasks.bind(task));
      }

      assertThatThrownBy(task::join)
          .isInstanceOf(IllegalStateException.class)
          .satisfiesAnyOf(
              thrown -> assertThat(thrown).isSameAs(failure),
              thrown -> assertThat(thrown.getCause()).isSameAs(failure));
      assertThat(task.isCompletedAbnormally()).isTrue();
    } finally {
      forkJoinPool.shutdownNow();
    }
  }

  @Test
  void bind_forkJoinTask_cancellingTheBoundTaskCancelsTheTask() throws Exception {
    ForkJoinPool forkJoinPool = new ForkJoinPool(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      forkJoinPool.execute(
          () -> {
            try {
              release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      CurrentSpan task = new CurrentSpan();
      ForkJoinTask<Span> bound;
      try (Span span = Tracing.startCustomSpan("parent", null)) {
        bound = BoundTasks.bind(task);
      }
      forkJoinPool.execute(bound);

      assertThat(bound.cancel(false)).isTrue();
      assertThat(task.isCancelled()).isTrue();
    } finally {
      release.countDown();
      forkJoinPool.shutdownNow();
    }
  }

  /** A pool task whose result is the span current while it ran. */
  private static final class CurrentSpan extends RecursiveTask<Span> {
    private static final long serialVersionUID = 1L;

    @Override
    protected Span compute() {
      return Tracing.currentSpan();
    }
  }
}
