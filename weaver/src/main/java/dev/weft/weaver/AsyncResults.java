package dev.weft.weaver;

import dev.weft.Scope;
import dev.weft.TracingContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Finds out when an asynchronous result completes: a {@link CompletionStage}, or a Reactor {@code
 * Mono}/{@code Flux} when Reactor is present (reached by reflection, so Reactor stays optional).
 */
final class AsyncResults {
  private static final ClassValue<Method[]> REACTOR_OPERATORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          return reactorOperators(type);
        }
      };

  private AsyncResults() {}

  /**
   * Calls {@code onDone} once when {@code stage} completes, with its value or (unwrapped) failure.
   * Returns false when the stage refused the callback.
   */
  static boolean whenComplete(CompletionStage<?> stage, BiConsumer<Object, Throwable> onDone) {
    try {
      stage.whenComplete((value, error) -> onDone.accept(value, unwrap(error)));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Returns whether a method declared to return {@code type} may return a plain {@link
   * CompletableFuture} in place of the stage it produced: true for {@code CompletableFuture} and
   * {@code CompletionStage} themselves, false for subclasses and other stage types.
   */
  static boolean replaceableStage(Class<?> type) {
    return type == CompletableFuture.class || type == CompletionStage.class;
  }

  /**
   * Returns a future that completes as {@code stage} does, with the same value or the very same
   * exception, but only after {@code onDone} has run with them; or null when {@code stage} refused
   * the callback. A caller of a traced method that waits on or chains to the returned future thus
   * never sees the result before the call's span has ended.
   *
   * <p>What the caller does to the returned future reaches the method's own future, as it would
   * without tracing: cancelling it, or completing it first (by {@code complete}, {@code
   * completeExceptionally} or {@code orTimeout}), cancels or completes {@code stage} when that is a
   * {@code CompletableFuture} still running.
   */
  static CompletableFuture<Object> completedAfter(
      CompletionStage<?> stage, BiConsumer<Object, Throwable> onDone) {
    CompletableFuture<Object> dependent = new CompletableFuture<>();
    try {
      stage.whenComplete(
          (value, error) -> {
            try {
              onDone.accept(value, unwrap(error));
            } finally {
              if (error != null) {
                dependent.completeExceptionally(error);
              } else {
                dependent.complete(value);
              }
            }
          });
    } catch (RuntimeException e) {
      return null;
    }
    if (stage instanceof CompletableFuture<?> source) {
      dependent.whenComplete((value, error) -> forward(dependent, source, value, error));
    }
    return dependent;
  }

  @SuppressWarnings("unchecked")
  private static void forward(
      CompletableFuture<Object> dependent,
      CompletableFuture<?> source,
      Object value,
      Throwable error) {
    if (source.isDone()) {
      return; // the usual case: the dependent completed because the source did
    }
    try {
      if (dependent.isCancelled()) {
        source.cancel(true);
      } else if (error != null) {
        source.completeExceptionally(error);
      } else {
        ((CompletableFuture<Object>) source).complete(value);
      }
    } catch (RuntimeException e) {
      // a stage that refuses to be completed from outside keeps running; its span ends with it
    }
  }

  /**
   * Returns a publisher that behaves as {@code publisher}, passes each item it emits to {@code
   * onItem}, and calls {@code onEnd} once when it terminates, is cancelled or fails, with the
   * failure; or null when {@code publisher} is not a Reactor {@code Mono} or {@code Flux}.
   */
  static Object onTermination(
      Object publisher, Consumer<Object> onItem, Consumer<Throwable> onEnd) {
    Method[] operators = REACTOR_OPERATORS.get(publisher.getClass());
    if (operators == null) {
      return null;
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Consumer<Throwable> onError = failure::set;
    Consumer<Object> onFinally = signal -> onEnd.accept(failure.get());
    try {
      Object withNext = operators[0].invoke(publisher, onItem);
      Object withError = operators[1].invoke(withNext, onError);
      return operators[2].invoke(withError, onFinally);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns a {@code Mono} or {@code Flux} that behaves as {@code publisher} but runs inside {@code
   * context}: its subscription (where Reactor sources such as {@code fromCallable}, {@code create}
   * or {@code defer} start their work, possibly on another thread) and every signal its subscriber
   * receives ({@code onNext}, {@code onError}, {@code onComplete}). Returns null when {@code
   * publisher} is not a Reactor {@code Mono} or {@code Flux}, or Reactor refused.
   */
  static Object within(Object publisher, TracingContext context) {
    Method[] operators = REACTOR_OPERATORS.get(publisher.getClass());
    if (operators == null || operators[3] == null) {
      return null;
    }
    try {
      Method back = operators[3];
      ClassLoader loader = back.getDeclaringClass().getClassLoader();
      Class<?> publisherType = back.getParameterTypes()[0];
      Class<?> subscriberType = Class.forName("reactor.core.CoreSubscriber", false, loader);
      Object scoped =
          Proxy.newProxyInstance(
              loader,
              new Class<?>[] {publisherType},
              (proxy, method, args) -> {
                if (method.getName().equals("subscribe") && args != null && args.length == 1) {
                  Object inside = subscriberWithin(args[0], context, subscriberType, loader);
                  try (Scope ignored = context.makeCurrent()) {
                    return method.invoke(publisher, inside);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
                return objectMethod(proxy, publisher, method, args);
              });
      return back.invoke(null, scoped);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Returns a subscriber that passes every signal to {@code downstream} inside {@code context}. */
  private static Object subscriberWithin(
      Object downstream, TracingContext context, Class<?> subscriberType, ClassLoader loader) {
    return Proxy.newProxyInstance(
        loader,
        new Class<?>[] {subscriberType},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, downstream, method, args);
          }
          if (!method.getDeclaringClass().isInstance(downstream)) {
            // a plain Reactive Streams subscriber has no Reactor context: the interface's default
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          try (Scope ignored = context.makeCurrent()) {
            return method.invoke(downstream, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static Object objectMethod(Object proxy, Object target, Method method, Object[] args)
      throws ReflectiveOperationException {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      case "toString" -> target.toString();
      default -> method.invoke(target, args);
    };
  }

  /** Returns the cause of the wrappers completion stages put around a failure. */
  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static Method[] reactorOperators(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      String name = c.getName();
      if (name.equals("reactor.core.publisher.Mono")
          || name.equals("reactor.core.publisher.Flux")) {
        try {
          Class<?> publisherType =
              Class.forName("org.reactivestreams.Publisher", false, c.getClassLoader());
          return new Method[] {
            c.getMethod("doOnNext", Consumer.class),
            c.getMethod("doOnError", Consumer.class),
            c.getMethod("doFinally", Consumer.class),
            // made a Mono or Flux again from a plain publisher, without a cardinality check
            name.endsWith("Mono")
                ? c.getMethod("fromDirect", publisherType)
                : c.getMethod("from", publisherType)
          };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
          return null;
        }
      }
    }
    return null;
  }
}
