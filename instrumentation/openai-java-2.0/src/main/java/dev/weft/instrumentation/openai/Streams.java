package dev.weft.instrumentation.openai;

import dev.weft.instrumentation.api.Completion;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Spliterator;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Views of openai-java's streams that behave as the stream they wrap and tell the request's {@link
 * OpenAiJavaSpans.Call} of each item and of the end: a blocking {@code StreamResponse} ends the
 * span when its stream is read to the end, fails, or is closed; an {@code AsyncStreamResponse} when
 * its completion future completes (after the handler heard the end), fails, or is closed. The views
 * are {@link Proxy} instances of the library's own interfaces, made in its class loader.
 */
final class Streams {
  private static final String BLOCKING = "com.openai.core.http.StreamResponse";
  private static final String ASYNC = "com.openai.core.http.AsyncStreamResponse";

  private Streams() {}

  /** Returns a view of {@code stream} that reports to {@code call}, or null for anything else. */
  static Object observe(Object stream, OpenAiJavaSpans.Call call) {
    if (stream == null) {
      return null;
    }
    Class<?> blocking = interfaceNamed(stream.getClass(), BLOCKING);
    if (blocking != null) {
      return Proxy.newProxyInstance(
          blocking.getClassLoader(), new Class<?>[] {blocking}, new Blocking(stream, call));
    }
    Class<?> async = interfaceNamed(stream.getClass(), ASYNC);
    if (async == null) {
      return null;
    }
    Object view =
        Proxy.newProxyInstance(
            async.getClassLoader(), new Class<?>[] {async}, new Async(stream, call));
    Object future = invoke(stream, "onCompleteFuture");
    if (!(future instanceof CompletionStage<?> stage)
        || !Completion.watchStage(stage, (failure, cancelled) -> call.finish(failure, false))) {
      return null;
    }
    return view;
  }

  private static Class<?> interfaceNamed(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals(name)) {
          return i;
        }
      }
    }
    return null;
  }

  private static Object invoke(Object target, String name) {
    try {
      Method method = interfaceNamed(target.getClass(), ASYNC).getMethod(name);
      return method.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Calls {@code method} on the wrapped object as the view was called, exceptions unwrapped. */
  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** {@code Object}'s methods on a view: identity of the view, the wrapped object's text. */
  private static Object objectMethod(Object proxy, Object target, Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return target.toString();
    }
  }

  /** A blocking {@code StreamResponse}: {@code stream()} and {@code close()}. */
  private static final class Blocking implements InvocationHandler {
    private final Object stream;
    private final OpenAiJavaSpans.Call call;

    Blocking(Object stream, OpenAiJavaSpans.Call call) {
      this.stream = stream;
      this.call = call;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, stream, method, args);
      }
      String name = method.getName();
      if (name.equals("close")) {
        try {
          return forward(stream, method, args);
        } finally {
          call.finish(null, false);
        }
      }
      Object result = forward(stream, method, args);
      if (name.equals("stream") && result instanceof Stream<?> items) {
        return StreamSupport.stream(new Observed(items.spliterator(), call), false)
            .onClose(items::close);
      }
      return result;
    }
  }

  /** The items of a blocking stream, each told to the call, and the end or failure after them. */
  private static final class Observed implements Spliterator<Object> {
    private final Spliterator<?> items;
    private final OpenAiJavaSpans.Call call;

    Observed(Spliterator<?> items, OpenAiJavaSpans.Call call) {
      this.items = items;
      this.call = call;
    }

    @Override
    public boolean tryAdvance(Consumer<? super Object> action) {
      boolean advanced;
      try {
        advanced =
            items.tryAdvance(
                item -> {
                  call.chunk(item);
                  action.accept(item);
                });
      } catch (RuntimeException | Error e) {
        call.finish(e, false);
        throw e;
      }
      if (!advanced) {
        call.finish(null, false);
      }
      return advanced;
    }

    @Override
    public Spliterator<Object> trySplit() {
      return null;
    }

    @Override
    public long estimateSize() {
      return items.estimateSize();
    }

    @Override
    public int characteristics() {
      return items.characteristics() & ~(SIZED | SUBSIZED);
    }
  }

  /** An {@code AsyncStreamResponse}: its handler is wrapped to see every item. */
  private static final class Async implements InvocationHandler {
    private final Object stream;
    private final OpenAiJavaSpans.Call call;

    Async(Object stream, OpenAiJavaSpans.Call call) {
      this.stream = stream;
      this.call = call;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, stream, method, args);
      }
      Object[] forwarded = args;
      if (method.getName().equals("subscribe") && args != null && args.length > 0) {
        forwarded = args.clone();
        forwarded[0] = observedHandler(method.getParameterTypes()[0], args[0]);
      }
      Object result = forward(stream, method, forwarded);
      return result == stream ? proxy : result;
    }

    private Object observedHandler(Class<?> type, Object handler) {
      if (handler == null || !type.isInterface()) {
        return handler;
      }
      try {
        return Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, handler, method, args);
              }
              if (method.getName().equals("onNext") && args != null && args.length == 1) {
                call.chunk(args[0]);
              }
              return forward(handler, method, args);
            });
      } catch (RuntimeException e) {
        OpenAiJavaSpans.failed("stream-handler", e);
        return handler;
      }
    }
  }
}
