package dev.weft.instrumentation.api;

import dev.weft.Scope;
import dev.weft.TracingContext;
import dev.weft.internal.WeftLog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
    // The end is told as the terminal signal passes, before the subscriber downstream hears it,
    // so a span ends before the spans of the streams that consume it.
    Runnable onTerminate =
        () -> {
          if (ended.compareAndSet(false, true)) {
            safely(() -> listener.onEnd(failure[0], false));
          }
        };
    Runnable onCancel =
        () -> {
          if (ended.compareAndSet(false, true)) {
            safely(() -> listener.onEnd(null, true));
          }
        };
    try {
      Object withNext = operators[0].invoke(publisher, onNext);
      Object withError = operators[1].invoke(withNext, onError);
      Object withTerminate = operators[2].invoke(withError, onTerminate);
      return operators[4].invoke(withTerminate, onCancel);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns a publisher that behaves as the Reactor {@code publisher} and is subscribed to inside
   * {@code context}: work a library starts when the stream is subscribed (its model request, its
   * next advisor) then belongs to the span that returned the stream. Returns {@code publisher}
   * itself when it is not a {@code Mono} or {@code Flux}, or Reactor refused.
   */
  public static Object subscribedWithin(Object publisher, TracingContext context) {
    if (publisher == null) {
      return null;
    }
    Method[] operators = REACTOR_OPERATORS.get(publisher.getClass());
    if (operators == null || operators[3] == null) {
      return publisher;
    }
    try {
      // A Publisher whose subscribe runs the original's inside the context, made a Flux or Mono
      // again: the scope covers exactly the upstream's subscription, which is where Reactor
      // sources (create, defer, ...) start their work.
      Class<?> type = operators[3].getDeclaringClass();
      Class<?> publisherType =
          Class.forName("org.reactivestreams.Publisher", false, type.getClassLoader());
      Object scoped =
          Proxy.newProxyInstance(
              type.getClassLoader(),
              new Class<?>[] {publisherType},
              (proxy, method, args) -> {
                if (method.getName().equals("subscribe") && args != null && args.length == 1) {
                  try (Scope ignored = context.makeCurrent()) {
                    return method.invoke(publisher, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "toString" -> publisher.toString();
                  default -> method.invoke(publisher, args);
                };
              });
      return operators[3].invoke(null, scoped);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return publisher;
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

  private static Method optionalMethod(Class<?> type, String name, Class<?> parameter) {
    try {
      return type.getMethod(name, parameter);
    } catch (NoSuchMethodException e) {
      return null;
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
            c.getMethod("doOnTerminate", Runnable.class),
            // Flux.from keeps every item; Mono.fromDirect, unlike Mono.from, cancels nothing.
            optionalMethod(
                c,
                c.getName().endsWith("Mono") ? "fromDirect" : "from",
                Class.forName("org.reactivestreams.Publisher", false, c.getClassLoader())),
            c.getMethod("doOnCancel", Runnable.class)
          };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
          return null;
        }
      }
    }
    return null;
  }
}
