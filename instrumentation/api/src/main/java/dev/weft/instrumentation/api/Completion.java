package dev.weft.instrumentation.api;

import dev.weft.internal.WeftLog;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Finds out when a library's asynchronous result is done, so that the span of the call that
 * returned it ends then: a {@link CompletionStage}, or a Reactor {@code Mono} or {@code Flux}
 * reached by reflection (Reactor lives in the application's class loader, not the agent's).
 */
public final class Completion {
  private static final ClassValue<Method[]> REACTOR_OPERATORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          return reactorOperators(type);
        }
      };

  private Completion() {}

  /** What happens to a result that is watched: each item it emits, then its end, once. */
  public interface Listener {
    /** Called for each item a publisher emits, or with a completion stage's value. */
    default void onItem(Object item) {}

    /**
     * Called once when the result completes ({@code failure} null, {@code cancelled} false), fails
     * ({@code failure} the unwrapped cause) or is cancelled by its subscriber.
     */
    void onEnd(Throwable failure, boolean cancelled);
  }

  /**
   * Returns whether {@code result} is something this class can watch: a completion stage, a Reactor
   * {@code Mono} or {@code Flux}.
   */
  public static boolean isAsync(Object result) {
    return result instanceof CompletionStage<?>
        || (result != null && REACTOR_OPERATORS.get(result.getClass()) != null);
  }

  /**
   * Returns a publisher that behaves as the Reactor {@code publisher} and tells {@code listener} of
   * its items and its end; or null when {@code publisher} is not a {@code Mono} or {@code Flux}, or
   * Reactor refused (then nothing is watched and the original must be used).
   */
  public static Object watchPublisher(Object publisher, Listener listener) {
    if (publisher == null) {
      return null;
    }
    Method[] operators = REACTOR_OPERATORS.get(publisher.getClass());
    if (operators == null) {
      return null;
    }
    AtomicBoolean ended = new AtomicBoolean();
    Throwable[] failure = new Throwable[1];
    Consumer<Object> onNext = item -> safely(() -> listener.onItem(item));
    Consumer<Throwable> onError = error -> failure[0] = error;
    Consumer<Object> onFinally =
        signal -> {
          if (ended.compareAndSet(false, true)) {
            boolean cancelled = String.valueOf(signal).equals("cancel");
            safely(() -> listener.onEnd(failure[0], cancelled));
          }
        };
    try {
      Object withNext = operators[0].invoke(publisher, onNext);
      Object withError = operators[1].invoke(withNext, onError);
      return operators[2].invoke(withError, onFinally);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Tells {@code listener} of the value and end of {@code stage} and returns true, or returns false
   * when the stage refused the callback.
   */
  public static boolean watchStage(CompletionStage<?> stage, Listener listener) {
    try {
      stage.whenComplete(
          (value, error) -> {
            if (error == null) {
              safely(() -> listener.onItem(value));
            }
            Throwable cause = unwrap(error);
            boolean cancelled = cause instanceof java.util.concurrent.CancellationException;
            safely(() -> listener.onEnd(cancelled ? null : cause, cancelled));
          });
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Returns the cause inside the wrappers that completion stages put around a failure. */
  public static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static void safely(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | LinkageError e) {
      WeftLog.warnRateLimited(
          "instrumentation-completion", "ending the span of an asynchronous result failed", e);
    }
  }

  private static Method[] reactorOperators(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      String name = c.getName();
      if (name.equals("reactor.core.publisher.Mono")
          || name.equals("reactor.core.publisher.Flux")) {
        try {
          return new Method[] {
            c.getMethod("doOnNext", Consumer.class),
            c.getMethod("doOnError", Consumer.class),
            c.getMethod("doFinally", Consumer.class)
          };
        } catch (NoSuchMethodException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }
}
