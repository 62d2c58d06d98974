package dev.weft.weaver;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Follows a result that produces its items after the method returned, a {@link Stream}, an {@link
 * Iterator} or a {@link Flow.Publisher}, so that the method's span ends when the items are: when
 * the result is exhausted, closed, cancelled or fails, or else when its trace ends. The wrapper
 * behaves as the original (same items, order, characteristics and parallelism); it only counts the
 * items and tells the end once.
 */
final class SequenceResults {
  private SequenceResults() {}

  /**
   * What happens at the end: the number of items produced, the failure, if any, and whether the
   * result was abandoned (its trace ended before it did).
   */
  interface End {
    void ended(long items, Throwable failure, boolean abandoned);
  }

  /** Returns whether the declared return type is one this class follows. */
  static boolean follows(Class<?> returnType) {
    return returnType == Stream.class
        || returnType == Iterator.class
        || returnType == Flow.Publisher.class;
  }

  /** Returns a stream that behaves as {@code stream} and tells {@code state} when it is done. */
  static Stream<?> stream(Stream<?> stream, State state) {
    Stream<?> followed =
        StreamSupport.stream(new Counting<>(stream.spliterator(), state), stream.isParallel());
    return followed.onClose(
        () -> {
          try {
            stream.close();
          } finally {
            state.finish(null);
          }
        });
  }

  /**
   * Returns an iterator that behaves as {@code iterator} and tells {@code state} when it is done.
   */
  static Iterator<?> iterator(Iterator<?> iterator, State state) {
    return new Iterator<Object>() {
      @Override
      public boolean hasNext() {
        try {
          boolean more = iterator.hasNext();
          if (!more) {
            state.finish(null);
          }
          return more;
        } catch (RuntimeException | Error e) {
          state.finish(e);
          throw e;
        }
      }

      @Override
      public Object next() {
        try {
          Object item = iterator.next();
          state.items.incrementAndGet();
          return item;
        } catch (RuntimeException | Error e) {
          state.finish(e);
          throw e;
        }
      }

      @Override
      public void remove() {
        iterator.remove();
      }
    };
  }

  /**
   * Returns a publisher that behaves as {@code publisher} and tells {@code state} when a
   * subscription to it completes, fails or is cancelled.
   */
  static <T> Flow.Publisher<T> publisher(Flow.Publisher<T> publisher, State state) {
    return subscriber ->
        publisher.subscribe(
            new Flow.Subscriber<T>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(
                    new Flow.Subscription() {
                      @Override
                      public void request(long n) {
                        subscription.request(n);
                      }

                      @Override
                      public void cancel() {
                        try {
                          subscription.cancel();
                        } finally {
                          state.finish(null);
                        }
                      }
                    });
              }

              @Override
              public void onNext(T item) {
                state.items.incrementAndGet();
                subscriber.onNext(item);
              }

              @Override
              public void onError(Throwable failure) {
                state.finish(failure);
                subscriber.onError(failure);
              }

              @Override
              public void onComplete() {
                state.finish(null);
                subscriber.onComplete();
              }
            });
  }

  /**
   * The count and the end of one followed result, shared by the parts a parallel stream splits
   * into. Tells its end once, whichever comes first: exhausted, closed, failed, or abandoned.
   */
  static final class State {
    final End end;
    final AtomicLong items = new AtomicLong();
    final AtomicInteger openParts = new AtomicInteger(1);
    final AtomicBoolean ended = new AtomicBoolean();

    State(End end) {
      this.end = end;
    }

    /** Counts one item of a result followed from outside this class (a Reactor publisher). */
    void counted() {
      items.incrementAndGet();
    }

    void partDone() {
      if (openParts.decrementAndGet() == 0) {
        finish(null);
      }
    }

    void finish(Throwable failure) {
      if (ended.compareAndSet(false, true)) {
        end.ended(items.get(), failure, false);
      }
    }

    /** Ends what nobody read to its end: its trace is ending. */
    void abandon() {
      if (ended.compareAndSet(false, true)) {
        end.ended(items.get(), null, true);
      }
    }
  }

  /** A spliterator that counts what passes and tells its state when it is exhausted. */
  private static final class Counting<T> implements Spliterator<T> {
    private final Spliterator<T> source;
    private final State state;
    private boolean done;

    Counting(Spliterator<T> source, State state) {
      this.source = source;
      this.state = state;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      boolean advanced;
      try {
        advanced =
            source.tryAdvance(
                item -> {
                  state.items.incrementAndGet();
                  action.accept(item);
                });
      } catch (RuntimeException | Error e) {
        state.finish(e);
        throw e;
      }
      if (!advanced) {
        exhausted();
      }
      return advanced;
    }

    @Override
    public void forEachRemaining(Consumer<? super T> action) {
      try {
        source.forEachRemaining(
            item -> {
              state.items.incrementAndGet();
              action.accept(item);
            });
      } catch (RuntimeException | Error e) {
        state.finish(e);
        throw e;
      }
      exhausted();
    }

    private void exhausted() {
      if (!done) {
        done = true;
        state.partDone();
      }
    }

    @Override
    public Spliterator<T> trySplit() {
      Spliterator<T> split = source.trySplit();
      if (split == null) {
        return null;
      }
      state.openParts.incrementAndGet();
      return new Counting<>(split, state);
    }

    @Override
    public long estimateSize() {
      return source.estimateSize();
    }

    @Override
    public long getExactSizeIfKnown() {
      return source.getExactSizeIfKnown();
    }

    @Override
    public int characteristics() {
      return source.characteristics();
    }

    @Override
    public java.util.Comparator<? super T> getComparator() {
      return source.getComparator();
    }
  }
}
